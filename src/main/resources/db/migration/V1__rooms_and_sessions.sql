-- Waypoint's schema, version 1. Flyway applies the files of this folder in order, once each (history in
-- flyway_schema_history); a later change of the schema is a new file V2__..., never an edit of this one.
-- The SQL is the common subset of H2 2.2 and PostgreSQL 13+: both run these files unchanged.

CREATE TABLE wp_room (
    id             VARCHAR(256) NOT NULL PRIMARY KEY,
    version        BIGINT       NOT NULL,
    pin_sequence   BIGINT       NOT NULL,
    route_sequence BIGINT       NOT NULL,
    updated_at     BIGINT       NOT NULL
);

-- A pin's or route's protocol JSON is its body: new fields need no migration.
CREATE TABLE wp_pin (
    room_id VARCHAR(256)     NOT NULL REFERENCES wp_room (id),
    pin_id  VARCHAR(64)      NOT NULL,
    lat     DOUBLE PRECISION NOT NULL,
    lng     DOUBLE PRECISION NOT NULL,
    version BIGINT           NOT NULL,
    body    TEXT             NOT NULL,
    PRIMARY KEY (room_id, pin_id)
);

CREATE TABLE wp_route (
    room_id  VARCHAR(256) NOT NULL REFERENCES wp_room (id),
    route_id VARCHAR(64)  NOT NULL,
    version  BIGINT       NOT NULL,
    body     TEXT         NOT NULL,
    PRIMARY KEY (room_id, route_id)
);

CREATE TABLE wp_session (
    id           VARCHAR(40)  NOT NULL PRIMARY KEY,
    room_id      VARCHAR(256) NOT NULL,
    name         VARCHAR(200) NOT NULL,
    author       VARCHAR(200) NOT NULL,
    saved_at     BIGINT       NOT NULL,
    room_version BIGINT       NOT NULL,
    pin_count    INTEGER      NOT NULL,
    route_count  INTEGER      NOT NULL,
    body         TEXT         NOT NULL
);

CREATE INDEX wp_session_room ON wp_session (room_id, saved_at);
