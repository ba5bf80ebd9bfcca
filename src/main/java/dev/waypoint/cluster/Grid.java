package dev.waypoint.cluster;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Whether this server is one instance of a cluster, decided once at start from {@code waypoint.cluster}:
 * <ul>
 *   <li>{@code auto} (default): clustered when the server has a Hazelcast data grid (Payara's, JNDI
 *     {@value #JNDI_NAME}) that is set up to find other members ({@code --clustermode} on Payara Micro) or already
 *     has some. Payara Micro started with {@code --nocluster}, a server without Hazelcast, or any other
 *     application server: not clustered;</li>
 *   <li>{@code off}: never (rooms stay in this server even if the grid has other members);</li>
 *   <li>{@code on}: always; the server fails to start if it has no grid.</li>
 * </ul>
 * Nothing here refers to Hazelcast's classes, so that the WAR deploys on servers that have none.
 */
@ApplicationScoped
public class Grid {

    static final String JNDI_NAME = "payara/Hazelcast";
    private static final Logger LOG = Logger.getLogger(Grid.class.getName());

    @Inject
    @ConfigProperty(name = "waypoint.cluster", defaultValue = "auto")
    String mode;

    private Object hazelcast; // a com.hazelcast.core.HazelcastInstance when clustered

    @PostConstruct
    void detect() {
        String wanted = mode.trim().toLowerCase(Locale.ROOT);
        if (!wanted.equals("auto") && !wanted.equals("on") && !wanted.equals("off")) {
            throw new IllegalStateException("waypoint.cluster must be auto, on or off, not " + mode);
        }
        if (wanted.equals("off")) {
            LOG.info("waypoint.cluster=off: rooms are kept in this server only");
            return;
        }
        Object found = lookup();
        if (found == null) {
            if (wanted.equals("on")) {
                throw new IllegalStateException("waypoint.cluster=on, but this server has no Hazelcast data grid ("
                        + JNDI_NAME + "); start Payara Micro without --nohazelcast, or set waypoint.cluster=auto");
            }
            LOG.info("No data grid: rooms are kept in this server only");
            return;
        }
        String setup = GridProbe.describe(found);
        if (wanted.equals("on") || GridProbe.formsCluster(found)) {
            hazelcast = found;
            LOG.info("Clustered on the data grid (" + setup + "): rooms are shared by the cluster's instances");
        } else {
            LOG.info("The data grid looks for no other members (" + setup + "): rooms are kept in this server only");
        }
    }

    private static Object lookup() {
        try {
            Object found = new InitialContext().lookup(JNDI_NAME);
            return found != null && GridProbe.isHazelcast(found) ? found : null;
        } catch (NamingException | LinkageError | RuntimeException none) {
            return null;
        }
    }

    /** True when rooms are shared with other instances through the grid. */
    public boolean clustered() {
        return hazelcast != null;
    }

    /** The grid (a {@code com.hazelcast.core.HazelcastInstance}); only when {@link #clustered()}. */
    public Object hazelcast() {
        if (hazelcast == null) {
            throw new IllegalStateException("not clustered");
        }
        return hazelcast;
    }
}
