/**
 * The wire protocol: Java records in one sealed hierarchy, mapped to and from JSON by one JSON-B codec.
 *
 * <p>The demo's protocol is a contract: {@code ping}&rarr;{@code pong} and {@code setPin}&rarr;{@code pinUpdate}
 * keep their exact shape, so an unchanged demo client keeps working. Everything Waypoint adds (for now only
 * {@code error}) is a message type such a client ignores.
 *
 * <p>Validation happens here, once: {@link dev.waypoint.message.MessageCodec#decode(String)} returns a valid
 * {@link dev.waypoint.message.ClientMessage} or throws an {@link dev.waypoint.message.InvalidMessageException}
 * naming a stable {@link dev.waypoint.message.ErrorCode}. Code downstream trusts what it gets.
 */
package dev.waypoint.message;
