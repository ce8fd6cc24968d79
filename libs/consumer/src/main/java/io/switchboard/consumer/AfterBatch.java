package io.switchboard.consumer;

/**
 * What a read model does once a batch's events are applied (routing decides for the partners whose
 * state changed). Retried like the effects until it returns; it must be safe to repeat.
 */
@FunctionalInterface
public interface AfterBatch {
    void run(Batch batch) throws Exception;
}
