package io.chat4all.saga.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.axonframework.modelling.saga.AssociationValue;
import org.axonframework.modelling.saga.AssociationValuesImpl;
import org.junit.jupiter.api.Test;

/** The delivery saga's store finds sagas by association, keeps them apart by type, and forgets them. */
class IndexedInMemorySagaStoreTest {

    private final IndexedInMemorySagaStore store = new IndexedInMemorySagaStore();
    private final AssociationValue message1 = new AssociationValue("messageId", "m-1");
    private final AssociationValue message2 = new AssociationValue("messageId", "m-2");

    @Test
    void aSagaIsFoundByItsAssociationsOnlyAndLoadedById() {
        DeliverySaga saga = new DeliverySaga();
        store.insertSaga(DeliverySaga.class, "s-1", saga, Set.of(message1));

        assertThat(store.findSagas(DeliverySaga.class, message1)).containsExactly("s-1");
        assertThat(store.findSagas(DeliverySaga.class, message2)).isEmpty();
        assertThat(store.findSagas(Object.class, message1)).as("another saga type").isEmpty();
        assertThat(store.loadSaga(DeliverySaga.class, "s-1").saga()).isSameAs(saga);
        assertThat(store.loadSaga(DeliverySaga.class, "s-1").associationValues()).containsExactly(message1);
    }

    @Test
    void anUpdateMovesTheAssociationsAndADeleteForgetsTheSaga() {
        DeliverySaga saga = new DeliverySaga();
        store.insertSaga(DeliverySaga.class, "s-1", saga, Set.of(message1));
        AssociationValuesImpl values = new AssociationValuesImpl(Set.of(message1));
        values.remove(message1);
        values.add(message2);

        store.updateSaga(DeliverySaga.class, "s-1", saga, values);
        assertThat(store.findSagas(DeliverySaga.class, message1)).isEmpty();
        assertThat(store.findSagas(DeliverySaga.class, message2)).containsExactly("s-1");

        store.deleteSaga(DeliverySaga.class, "s-1", Set.of(message2));
        assertThat(store.findSagas(DeliverySaga.class, message2)).isEmpty();
        assertThat(store.loadSaga(DeliverySaga.class, "s-1")).isNull();
        assertThat(store.size()).isZero();
    }
}
