import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Unpacks a Payara Server distribution and makes its domain1 keep to this machine, before its first start.
 *
 * <pre>
 * java payara-config/server/LoopbackDomain.java DISTRIBUTION.zip DIRECTORY PROPERTIES-FILE [FIRST-PORT] [--jvm-options="-Da=b -Dc=d"]
 * </pre>
 *
 * <p>Out of the box, Payara Server's first boot calls outside hosts: Payara's phone home, Hazelcast's phone home and
 * its cloud discovery; and it listens on every interface on fixed ports (4848, 8080, 8181, 3700, 8686, ...). Some of
 * the asadmin commands that would change this are silently not applied when given as pre-boot commands, so this
 * edits {@code domain.xml} itself, in the server's configuration ({@code server-config}):
 * <ul>
 *   <li>phone home off ({@code phone-home-runtime-configuration enabled="false"}); the JVM options
 *   {@code -Dhazelcast.phone.home.enabled=false} and {@code -Dhazelcast.socket.bind.any=false};</li>
 *   <li>Hazelcast on 127.0.0.1 (interface, DAS bind and public addresses, public address) on ports of its own;</li>
 *   <li>every HTTP, IIOP and JMX listener on 127.0.0.1, on the ports chosen here, and the OSGi shell's port;</li>
 *   <li>JMS off ({@code jms-service type="DISABLED"}), and no {@code AUTO_SERVER=TRUE} on the H2 pools (it would
 *   open a TCP server for the database).</li>
 * </ul>
 * {@code --jvm-options} adds JVM options of the caller's (blank-separated; an option {@code -Dname=value} replaces
 * one of the same name), written into {@code server-config} like the ones above, so that they hold from the first
 * start: the integration tests give the domain the same Waypoint settings as Payara Micro this way (pom.xml,
 * {@code waypoint.it.serverOptions}).
 * The ports are free ports chosen now, or FIRST-PORT and the next ones. PROPERTIES-FILE receives
 * {@code payara.server.home}, {@code payara.server.adminPort} and {@code payara.server.httpPort}, for the tests.
 * DIRECTORY is emptied first (a domain that ran before is not a first start); a domain still running there stops
 * this with an error.
 */
public class LoopbackDomain {

    private static final String LOOPBACK = "127.0.0.1";
    private static final List<String> PORT_NAMES = List.of("admin", "http", "https", "iiop", "iiop-ssl",
            "iiop-mutual-auth", "jmx", "osgi-shell", "hazelcast-das", "hazelcast", "jms", "debug");

    private static final String JVM_OPTIONS = "--jvm-options=";

    public static void main(String[] args) throws Exception {
        List<String> positional = new ArrayList<>();
        List<String> jvmOptions = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith(JVM_OPTIONS)) {
                for (String option : arg.substring(JVM_OPTIONS.length()).strip().split("\\s+")) {
                    if (!option.isEmpty()) {
                        jvmOptions.add(option);
                    }
                }
            } else {
                positional.add(arg);
            }
        }
        if (positional.size() < 3 || positional.size() > 4) {
            System.err.println("usage: java LoopbackDomain.java DISTRIBUTION.zip DIRECTORY PROPERTIES-FILE [FIRST-PORT]"
                    + " [--jvm-options=\"-Da=b -Dc=d\"]");
            System.exit(2);
        }
        Path zip = Path.of(positional.get(0));
        Path directory = Path.of(positional.get(1)).toAbsolutePath();
        Path properties = Path.of(positional.get(2));
        Map<String, Integer> ports = positional.size() == 4 ? consecutivePorts(Integer.parseInt(positional.get(3)))
                : freePorts();

        refuseIfRunning(directory);
        deleteRecursively(directory);
        Path home = unzip(zip, directory);
        Path domainXml = home.resolve("glassfish/domains/domain1/config/domain.xml");
        Document domain = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(domainXml.toFile());
        keepToLoopback(domain, ports);
        addJvmOptions(domain, jvmOptions);
        write(domain, domainXml);

        Properties out = new Properties();
        out.setProperty("payara.server.home", home.toString());
        out.setProperty("payara.server.adminPort", String.valueOf(ports.get("admin")));
        out.setProperty("payara.server.httpPort", String.valueOf(ports.get("http")));
        Files.createDirectories(properties.toAbsolutePath().getParent());
        try (OutputStream stream = Files.newOutputStream(properties)) {
            out.store(stream, "Payara Server domain1 prepared by LoopbackDomain.java");
        }
        System.out.println("Payara Server at " + home + ", domain1 on 127.0.0.1, ports " + ports
                + (jvmOptions.isEmpty() ? "" : ", JVM options added: " + jvmOptions));
    }

    /** Adds {@code options} to the server's JVM options; {@code -Dname=value} replaces an option of that name. */
    static void addJvmOptions(Document domain, List<String> options) throws Exception {
        Element javaConfig = child(single(domain, "/domain/configs/config[@name='server-config']"), "java-config");
        for (String option : options) {
            int eq = option.indexOf('=');
            if (option.startsWith("-D") && eq > 2) {
                setJvmOption(javaConfig, option.substring(0, eq + 1), option.substring(eq + 1));
            } else {
                setJvmOption(javaConfig, option, "");
            }
        }
    }

    static void keepToLoopback(Document domain, Map<String, Integer> ports) throws Exception {
        Element config = single(domain, "/domain/configs/config[@name='server-config']");

        Element hazelcast = single(domain, "/domain/hazelcast-runtime-configuration");
        hazelcast.setAttribute("interface", LOOPBACK);
        hazelcast.setAttribute("das-bind-address", LOOPBACK);
        hazelcast.setAttribute("das-public-address", LOOPBACK);
        hazelcast.setAttribute("das-port", port(ports, "hazelcast-das"));
        hazelcast.setAttribute("start-port", port(ports, "hazelcast"));
        Element hazelcastHere = child(config, "hazelcast-config-specific-configuration");
        hazelcastHere.setAttribute("public-address", LOOPBACK);
        hazelcastHere.setAttribute("config-specific-data-grid-start-port", port(ports, "hazelcast"));

        child(config, "phone-home-runtime-configuration").setAttribute("enabled", "false");

        Element javaConfig = child(config, "java-config");
        javaConfig.setAttribute("debug-options",
                "-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=" + LOOPBACK + ":" + port(ports, "debug"));
        setJvmOption(javaConfig, "-Dhazelcast.phone.home.enabled=", "false");
        setJvmOption(javaConfig, "-Dhazelcast.socket.bind.any=", "false");
        setJvmOption(javaConfig, "-Dosgi.shell.telnet.port=", port(ports, "osgi-shell"));
        setJvmOption(javaConfig, "-Dosgi.shell.telnet.ip=", LOOPBACK);

        Map<String, String> listenerPorts = Map.of("admin-listener", "admin", "http-listener-1", "http",
                "http-listener-2", "https");
        for (Element listener : all(config, "network-config/network-listeners/network-listener")) {
            listener.setAttribute("address", LOOPBACK);
            listener.setAttribute("port", port(ports, listenerPorts.get(listener.getAttribute("name"))));
        }
        Map<String, String> iiopPorts = Map.of("orb-listener-1", "iiop", "SSL", "iiop-ssl",
                "SSL_MUTUALAUTH", "iiop-mutual-auth");
        for (Element listener : all(config, "iiop-service/iiop-listener")) {
            listener.setAttribute("address", LOOPBACK);
            listener.setAttribute("port", port(ports, iiopPorts.get(listener.getAttribute("id"))));
        }
        for (Element connector : all(config, "admin-service/jmx-connector")) {
            connector.setAttribute("address", LOOPBACK);
            connector.setAttribute("port", port(ports, "jmx"));
        }

        Element jms = child(config, "jms-service");
        jms.setAttribute("type", "DISABLED");
        for (Element property : all(config, "system-property[@name='JMS_PROVIDER_PORT']")) {
            property.setAttribute("value", port(ports, "jms"));
        }

        for (Element url : all(domain.getDocumentElement(), "resources/jdbc-connection-pool/property[@name='URL']")) {
            url.setAttribute("value", url.getAttribute("value").replace(";AUTO_SERVER=TRUE", ""));
        }
    }

    private static String port(Map<String, Integer> ports, String name) {
        Integer port = ports.get(name);
        if (port == null) {
            throw new IllegalStateException("no port for " + name + ": the distribution's domain.xml has a listener"
                    + " this program does not know; add it to PORT_NAMES");
        }
        return String.valueOf(port);
    }

    /** Replaces the JVM option that starts with {@code prefix}, or adds it. */
    private static void setJvmOption(Element javaConfig, String prefix, String value) throws Exception {
        for (Element option : all(javaConfig, "jvm-options")) {
            if (option.getTextContent().startsWith(prefix)) {
                option.setTextContent(prefix + value);
                return;
            }
        }
        Element option = javaConfig.getOwnerDocument().createElement("jvm-options");
        option.setTextContent(prefix + value);
        javaConfig.appendChild(option);
    }

    private static Element single(Document document, String path) throws Exception {
        Element element = (Element) XPathFactory.newInstance().newXPath().evaluate(path, document, XPathConstants.NODE);
        if (element == null) {
            throw new IllegalStateException("domain.xml has no " + path);
        }
        return element;
    }

    /** The child element {@code name} of {@code parent}, added if there is none. */
    private static Element child(Element parent, String name) {
        NodeList children = parent.getElementsByTagName(name);
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i).getParentNode() == parent) {
                return (Element) children.item(i);
            }
        }
        Element added = parent.getOwnerDocument().createElement(name);
        parent.appendChild(added);
        return added;
    }

    private static List<Element> all(Element context, String path) throws Exception {
        NodeList nodes = (NodeList) XPathFactory.newInstance().newXPath().evaluate(path, context, XPathConstants.NODESET);
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            elements.add((Element) nodes.item(i));
        }
        return elements;
    }

    private static void write(Document document, Path file) throws Exception {
        var transformer = TransformerFactory.newInstance().newTransformer();
        transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
        try (OutputStream out = Files.newOutputStream(file)) {
            transformer.transform(new DOMSource(document), new StreamResult(out));
        }
    }

    /** Free ports on 127.0.0.1, all held open until every one is chosen so that they differ. */
    private static Map<String, Integer> freePorts() throws IOException {
        Map<String, Integer> ports = new LinkedHashMap<>();
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (String name : PORT_NAMES) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK));
                held.add(socket);
                ports.put(name, socket.getLocalPort());
            }
        } finally {
            for (ServerSocket socket : held) {
                socket.close();
            }
        }
        return ports;
    }

    private static Map<String, Integer> consecutivePorts(int first) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String name : PORT_NAMES) {
            ports.put(name, first + ports.size());
        }
        return ports;
    }

    private static void refuseIfRunning(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory, 6)) {
            for (Path pid : (Iterable<Path>) files.filter(f -> f.endsWith("domains/domain1/config/pid"))::iterator) {
                long id = Long.parseLong(Files.readString(pid).strip());
                if (ProcessHandle.of(id).map(ProcessHandle::isAlive).orElse(false)) {
                    throw new IllegalStateException("Payara Server in " + directory + " still runs (process " + id
                            + "): stop it first with asadmin stop-domain");
                }
            }
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> {
                try {
                    Files.delete(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /** Unpacks the distribution and returns its one top directory (payara6, payara7). */
    private static Path unzip(Path zip, Path directory) throws IOException {
        Path top = null;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                Path target = directory.resolve(entry.getName()).normalize();
                if (!target.startsWith(directory)) {
                    throw new IOException("entry outside the directory: " + entry.getName());
                }
                if (top == null) {
                    top = directory.resolve(directory.relativize(target).getName(0));
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target);
                }
            }
        }
        if (top == null) {
            throw new IOException(zip + " is empty");
        }
        // Zip entries carry no Unix permissions for Java: make the launch scripts executable.
        for (Path script : List.of(top.resolve("bin"), top.resolve("glassfish/bin"))) {
            try (Stream<Path> files = Files.list(script)) {
                files.forEach(file -> file.toFile().setExecutable(true));
            }
        }
        return top;
    }
}
