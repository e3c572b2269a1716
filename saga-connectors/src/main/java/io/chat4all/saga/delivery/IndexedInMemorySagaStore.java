package io.chat4all.saga.delivery;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.axonframework.modelling.saga.AssociationValue;
import org.axonframework.modelling.saga.AssociationValues;
import org.axonframework.modelling.saga.repository.SagaStore;

/**
 * Saga instances in memory, found by association through an index. Axon's InMemorySagaStore
 * scans every live saga for each event it looks up, which under load (thousands of messages
 * waiting for receipts) took most of the saga processor's time; here a lookup is a map access.
 * Keys are per saga type, so several saga types could share one store.
 */
class IndexedInMemorySagaStore implements SagaStore<Object> {

    private final Map<String, Entry<Object>> sagas = new ConcurrentHashMap<>();
    private final Map<Key, Set<String>> sagaIdsByAssociation = new ConcurrentHashMap<>();

    private record Key(String sagaType, AssociationValue association) {
    }

    private record Stored(Object saga, Set<AssociationValue> associationValues) implements Entry<Object> {
    }

    @Override
    public Set<String> findSagas(Class<?> sagaType, AssociationValue associationValue) {
        Set<String> ids = sagaIdsByAssociation.get(new Key(sagaType.getName(), associationValue));
        return ids == null ? Set.of() : Set.copyOf(ids);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <S> Entry<S> loadSaga(Class<S> sagaType, String sagaIdentifier) {
        return (Entry<S>) sagas.get(sagaIdentifier);
    }

    @Override
    public void insertSaga(Class<?> sagaType, String sagaIdentifier, Object saga, Set<AssociationValue> associationValues) {
        sagas.put(sagaIdentifier, new Stored(saga, Set.copyOf(associationValues)));
        associationValues.forEach(value -> associate(sagaType, sagaIdentifier, value));
    }

    @Override
    public void updateSaga(Class<?> sagaType, String sagaIdentifier, Object saga, AssociationValues associationValues) {
        associationValues.removedAssociations().forEach(value -> dissociate(sagaType, sagaIdentifier, value));
        associationValues.addedAssociations().forEach(value -> associate(sagaType, sagaIdentifier, value));
        sagas.put(sagaIdentifier, new Stored(saga, Set.copyOf(associationValues.asSet())));
    }

    @Override
    public void deleteSaga(Class<?> sagaType, String sagaIdentifier, Set<AssociationValue> associationValues) {
        sagas.remove(sagaIdentifier);
        associationValues.forEach(value -> dissociate(sagaType, sagaIdentifier, value));
    }

    /** Live sagas, for tests and metrics. */
    int size() {
        return sagas.size();
    }

    private void associate(Class<?> sagaType, String sagaIdentifier, AssociationValue value) {
        sagaIdsByAssociation.computeIfAbsent(new Key(sagaType.getName(), value), k -> ConcurrentHashMap.newKeySet()).add(sagaIdentifier);
    }

    private void dissociate(Class<?> sagaType, String sagaIdentifier, AssociationValue value) {
        sagaIdsByAssociation.computeIfPresent(new Key(sagaType.getName(), value), (k, ids) -> {
            ids.remove(sagaIdentifier);
            return ids.isEmpty() ? null : ids;
        });
    }
}
