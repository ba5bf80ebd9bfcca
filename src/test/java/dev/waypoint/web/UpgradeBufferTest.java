package dev.waypoint.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The reflective path of {@link UpgradeBuffer} on objects shaped like Payara's (facade → Catalina response → Grizzly
 * response), and its retreat on anything else. That it finds Payara's real classes shows in the benchmark's
 * allocation profile (src/bench/RESULTS.md), not here.
 */
class UpgradeBufferTest {

    /** Like Grizzly's {@code org.glassfish.grizzly.http.server.Response}. */
    public static final class GrizzlyLike {
        final List<Integer> sizes = new ArrayList<>();

        public void setBufferSize(int size) {
            sizes.add(size);
        }
    }

    /** Like Catalina's {@code org.apache.catalina.connector.Response}. */
    public static final class CatalinaLike {
        final GrizzlyLike grizzly = new GrizzlyLike();

        public GrizzlyLike getCoyoteResponse() {
            return grizzly;
        }
    }

    /** Like Catalina's {@code ResponseFacade}: the field is protected there, and declared in a superclass here. */
    static class FacadeBase {
        protected CatalinaLike response = new CatalinaLike();
    }

    static final class Facade extends FacadeBase {
    }

    /** A committed Grizzly response refuses a new size. */
    public static final class CommittedGrizzly {
        public void setBufferSize(int size) {
            throw new IllegalStateException("Unable to change buffer size as the response has been committed");
        }
    }

    public static final class CatalinaWithCommitted {
        public CommittedGrizzly getCoyoteResponse() {
            return new CommittedGrizzly();
        }
    }

    static final class CommittedFacade {
        final CatalinaWithCommitted response = new CatalinaWithCommitted();
    }

    @Test
    void setsTheGrizzlyResponsesBufferToTheSmallestSize() {
        Facade facade = new Facade();
        UpgradeBuffer buffer = new UpgradeBuffer();

        assertTrue(buffer.shrinkFacade(facade));
        assertTrue(buffer.shrinkFacade(facade));

        assertEquals(List.of(UpgradeBuffer.BYTES, UpgradeBuffer.BYTES), facade.response.grizzly.sizes);
        assertEquals(512, UpgradeBuffer.BYTES);
    }

    @Test
    void anotherContainersResponseIsLeftAloneAndTheShrinkingStops() {
        UpgradeBuffer buffer = new UpgradeBuffer();
        Facade payaraShaped = new Facade();

        assertFalse(buffer.shrinkFacade(new Object()));
        assertFalse(buffer.shrinkFacade(payaraShaped), "after a failure it no longer tries");
        assertEquals(List.of(), payaraShaped.response.grizzly.sizes);
    }

    @Test
    void aRefusalOfTheContainerIsNotThrownAtTheHandshake() {
        UpgradeBuffer buffer = new UpgradeBuffer();

        assertFalse(buffer.shrinkFacade(new CommittedFacade()));
    }
}
