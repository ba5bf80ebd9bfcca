package dev.waypoint.message;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * Version 2: {@code {"type":"access","access":"view","name":"Ana"}}, sent to a connection that presented a token,
 * right after its snapshot: what the token lets it do ({@code view} or {@code edit}) and the display name the token
 * sets (absent when it sets none). A client with view access can hide its editing tools; a name from a token is the
 * connection's name, and a {@code hello} cannot change it. Sent again, with the request's {@code ref}, when a
 * {@link TokenRenewal} is accepted: the access of the fresh token, which may differ.
 */
@JsonbPropertyOrder({"access", "name", "ref"})
public record AccessInfo(String access, String name, String ref) implements ServerMessage {
}
