/**
 * The edges: the WebSocket endpoint and the small HTTP pieces the map page needs. Nothing here decides anything a
 * room does; it adapts Jakarta WebSocket and Servlet to {@link dev.waypoint.room} and {@link dev.waypoint.message}.
 */
package dev.waypoint.web;
