-- One database and one owner role per service. The owner runs Flyway (so it owns event_store) and
-- has REPLICATION, so Debezium can create the filtered publication and slot for that table with the
-- same credentials. No passwords here: the local launcher sets the generated ones (deploy/local,
-- `switchboard secrets`), docker-compose runs set-passwords.sh after this file with the passwords from
-- its environment, Kubernetes (CloudNativePG) declares the roles itself with passwords from Secrets.
-- A role without a password cannot log in over TCP.
-- Keep a blank line after every statement: the launcher feeds this file to `postgres --single -j`,
-- which ends a command at ";" followed by an empty line (and CREATE DATABASE must run alone).
CREATE ROLE chat WITH LOGIN REPLICATION;

CREATE ROLE media WITH LOGIN REPLICATION;

CREATE ROLE interaction WITH LOGIN REPLICATION;

CREATE ROLE redaction WITH LOGIN REPLICATION;

CREATE ROLE reporting WITH LOGIN REPLICATION;

CREATE DATABASE chat OWNER chat;

CREATE DATABASE media OWNER media;

CREATE DATABASE interaction OWNER interaction;

CREATE DATABASE redaction OWNER redaction;

CREATE DATABASE reporting OWNER reporting;

