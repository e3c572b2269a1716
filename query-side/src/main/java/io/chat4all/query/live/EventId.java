package io.chat4all.query.live;

/**
 * A stream event's {@code id}: the feed's epoch and the change's position, {@code <epoch>-<position>}.
 * Positions come from one PostgreSQL sequence, so an id means the same in every instance and
 * after a restart; the epoch changes when the read model is rebuilt.
 */
record EventId(long epoch, long position) {

    /** The id a client sent back, or null if it is none the hub made. */
    static EventId parse(String text) {
        if (text == null) {
            return null;
        }
        String[] parts = text.trim().split("-");
        if (parts.length != 2) {
            return null;
        }
        try {
            EventId id = new EventId(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
            return id.epoch() < 0 || id.position() < 0 ? null : id;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return epoch + "-" + position;
    }
}
