package dev.waypoint.message;

/** The {@code ref} a client may put on a request, echoed on the answer so its UI can match them. */
final class Refs {

    static final int MAX_LENGTH = 64;

    private Refs() {
    }

    static String check(String ref) {
        if (ref != null && ref.length() > MAX_LENGTH) {
            throw new InvalidMessageException(ErrorCode.INVALID_REF, "ref must be at most " + MAX_LENGTH + " characters");
        }
        return ref;
    }
}
