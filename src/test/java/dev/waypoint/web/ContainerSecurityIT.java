package dev.waypoint.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The README's alternative to tokens, "the container's own security", on the real server: the WAR with the README's
 * {@code security-constraint} added to its {@code web.xml} (read from the README itself, so the documented snippet is
 * the tested one), users signing in with HTTP Basic (Jakarta Security, {@link MapUserIdentityStore}) and the role
 * mapped to their group in {@code WEB-INF/payara-web.xml}. A WebSocket handshake without credentials, or with wrong
 * ones, is refused with 401 before any WebSocket exists; with a user's credentials the connection works.
 *
 * <p>One change to the snippet: its {@code transport-guarantee CONFIDENTIAL} is left out, since the test server
 * speaks plain HTTP (with it, the container redirects every request to HTTPS).
 */
@ExtendWith(ArquillianExtension.class)
class ContainerSecurityIT {

    private static final String README = "README.md";

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() throws IOException {
        WebArchive war = ShrinkWrap.create(ZipImporter.class, "waypoint-secured.war")
                .importFrom(new File(System.getProperty("waypoint.war"))).as(WebArchive.class);
        String webXml;
        try (InputStream in = war.get("WEB-INF/web.xml").getAsset().openStream()) {
            webXml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        war.delete("WEB-INF/web.xml");
        war.setWebXML(new StringAsset(webXml.replace("</web-app>", documentedConstraint() + "\n</web-app>")));
        war.addAsWebInfResource(new StringAsset("""
                <?xml version="1.0" encoding="UTF-8"?>
                <payara-web-app>
                    <security-role-mapping>
                        <role-name>map-user</role-name>
                        <group-name>%s</group-name>
                    </security-role-mapping>
                </payara-web-app>
                """.formatted(MapUserIdentityStore.GROUP)), "payara-web.xml");
        war.addClass(MapUserIdentityStore.class);
        return war;
    }

    /** The README's {@code security-constraint} and {@code security-role}, without the transport guarantee. */
    static String documentedConstraint() throws IOException {
        String readme = Files.readString(Path.of(System.getProperty("project.basedir", "."), README));
        Matcher block = Pattern.compile("```xml\\n(<security-constraint>.*?)```", Pattern.DOTALL).matcher(readme);
        if (!block.find()) {
            throw new IllegalStateException("README.md has no ```xml block starting with <security-constraint>");
        }
        String snippet = block.group(1);
        if (!snippet.contains("<url-pattern>/api/map</url-pattern>") || !snippet.contains("<role-name>map-user</role-name>")) {
            throw new IllegalStateException("the README's security-constraint no longer guards /api/map for map-user: " + snippet);
        }
        return snippet.replaceAll("(?s)\\s*<user-data-constraint>.*?</user-data-constraint>", "");
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theDocumentedSnippetIsWhatIsDeployed() throws IOException {
        String snippet = documentedConstraint();
        assertTrue(snippet.contains("<auth-constraint><role-name>map-user</role-name></auth-constraint>"), snippet);
        assertFalse(snippet.contains("user-data-constraint"), snippet);
    }

    @Test
    void aHandshakeWithoutCredentialsIsRefusedWith401() throws IOException {
        URI endpoint = TestClient.endpoint(base, "it-guarded-" + UUID.randomUUID());
        List<String> response = handshake(endpoint, null);
        assertTrue(response.get(0).startsWith("HTTP/1.1 401"), response.toString());
        assertTrue(response.stream().anyMatch(h -> h.toLowerCase().startsWith("www-authenticate: basic")), response.toString());
        List<String> wrong = handshake(endpoint, basic(MapUserIdentityStore.USER, "not-the-password"));
        assertTrue(wrong.get(0).startsWith("HTTP/1.1 401"), wrong.toString());
    }

    @Test
    void aHandshakeWithAUsersCredentialsConnects() throws IOException {
        String room = "it-guarded-" + UUID.randomUUID();
        String credentials = basic(MapUserIdentityStore.USER, MapUserIdentityStore.PASSWORD);
        List<String> response = handshake(TestClient.endpoint(base, room), credentials);
        assertTrue(response.get(0).startsWith("HTTP/1.1 101"), response.toString());
        try (TestClient a = TestClient.connect(TestClient.endpoint(base, room), Map.of("Authorization", credentials), false);
             TestClient b = TestClient.connect(TestClient.endpoint(base, room), Map.of("Authorization", credentials), false)) {
            a.setPin(48.85, 2.35);
            String pin = "{\"type\":\"pinUpdate\",\"location\":{\"lat\":48.85,\"lng\":2.35}}";
            assertEquals(pin, a.nextFrame());
            assertEquals(pin, b.nextFrame());
        }
    }

    @Test
    void thePageIsGuardedToo() throws IOException {
        URI page = URI.create(Chromium.pageUrl(base) + "index.html");
        assertTrue(get(page, null).get(0).startsWith("HTTP/1.1 401"));
        assertTrue(get(page, basic(MapUserIdentityStore.USER, MapUserIdentityStore.PASSWORD)).get(0).startsWith("HTTP/1.1 200"));
    }

    /** A WebSocket handshake (with an Authorization header when given); returns the status line and headers. */
    private static List<String> handshake(URI endpoint, String authorization) throws IOException {
        return request(endpoint, authorization, "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n");
    }

    private static List<String> get(URI uri, String authorization) throws IOException {
        return request(uri, authorization, "Connection: close\r\n");
    }

    private static List<String> request(URI uri, String authorization, String headers) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", uri.getPort()), 10_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
                    + " HTTP/1.1\r\nHost: 127.0.0.1:" + uri.getPort() + "\r\n"
                    + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                    + headers + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            List<String> lines = new ArrayList<>();
            while (true) {
                ByteArrayOutputStream line = new ByteArrayOutputStream();
                int b;
                while ((b = in.read()) >= 0 && b != '\n') {
                    line.write(b);
                }
                String text = line.toString(StandardCharsets.US_ASCII).strip();
                if (text.isEmpty()) {
                    return lines; // the end of the head (or of the stream)
                }
                lines.add(text);
            }
        }
    }
}
