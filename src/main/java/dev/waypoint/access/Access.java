package dev.waypoint.access;

/** What a connection may do in its room. Ordered: {@link #EDIT} includes everything {@link #VIEW} allows. */
public enum Access {
    /** See the room and appear in it (name and colour); no change to pins, routes or shared locations. */
    VIEW("view"),
    /** Everything the protocol offers. */
    EDIT("edit");

    private final String wireName;

    Access(String wireName) {
        this.wireName = wireName;
    }

    /** The name in tokens and in the {@code access} message. */
    public String wireName() {
        return wireName;
    }

    /** The access named {@code name} ({@code view} or {@code edit}), or null for any other value. */
    public static Access fromWireName(String name) {
        for (Access access : values()) {
            if (access.wireName.equals(name)) {
                return access;
            }
        }
        return null;
    }
}
