-- One database and one owner role per service. The owner runs Flyway (so it owns event_store) and
-- has REPLICATION, so Debezium can create the filtered publication and slot for that table with the
-- same credentials. Passwords are local-development defaults; production injects its own.
-- Used by the local launcher, docker-compose (initdb script) and the Kubernetes cluster bootstrap.
-- Keep a blank line after every statement: the launcher feeds this file to `postgres --single -j`,
-- which ends a command at ";" followed by an empty line (and CREATE DATABASE must run alone).
CREATE ROLE chat WITH LOGIN REPLICATION PASSWORD 'chat';

CREATE ROLE media WITH LOGIN REPLICATION PASSWORD 'media';

CREATE ROLE interaction WITH LOGIN REPLICATION PASSWORD 'interaction';

CREATE ROLE redaction WITH LOGIN REPLICATION PASSWORD 'redaction';

CREATE ROLE reporting WITH LOGIN REPLICATION PASSWORD 'reporting';

CREATE DATABASE chat OWNER chat;

CREATE DATABASE media OWNER media;

CREATE DATABASE interaction OWNER interaction;

CREATE DATABASE redaction OWNER redaction;

CREATE DATABASE reporting OWNER reporting;

