package dev.waypoint.store;

import java.io.Serializable;
import java.util.Objects;

/** The key of a pin or route row: the room and the item's id within it. */
public class ItemKey implements Serializable {

    private static final long serialVersionUID = 1L;

    String roomId;
    String itemId;

    public ItemKey() {
    }

    ItemKey(String roomId, String itemId) {
        this.roomId = roomId;
        this.itemId = itemId;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ItemKey key && roomId.equals(key.roomId) && itemId.equals(key.itemId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(roomId, itemId);
    }
}
