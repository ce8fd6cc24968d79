-- Routing records what it applied in the table every read model shares (libs/consumer,
-- db/eventstore/V0_60: consumer_applied_streams, read model 'routing'). routing_applied_event held event
-- ids without stream positions and cannot be carried over, so the routing read model is rebuilt on
-- purpose: emptied here, and replayed from the beginning of switchboard.interaction and switchboard.chat by
-- a new consumer group (switchboard-interaction-routing, application.properties). Routing waits until the
-- replay has reached the log end, then routes whatever is still waiting; a chat's decision that had been
-- delivered before is not delivered twice (the chat_routing stream answers a request once).
DROP TABLE routing_applied_event;
TRUNCATE routing_agent, routing_team, routing_team_member, routing_menu, routing_virtual_agent, routing_work;
