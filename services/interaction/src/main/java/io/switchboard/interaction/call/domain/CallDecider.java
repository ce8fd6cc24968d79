package io.switchboard.interaction.call.domain;

import io.switchboard.events.DomainEvent;
import io.switchboard.eventstore.decider.AggregateNotFoundException;
import io.switchboard.eventstore.decider.Decider;
import io.switchboard.eventstore.decider.IllegalTransitionException;
import io.switchboard.eventstore.decider.UnhandledCommandException;
import io.switchboard.interaction.call.domain.CallCommand.Connect;
import io.switchboard.interaction.call.domain.CallCommand.CreateCall;
import io.switchboard.interaction.call.domain.CallCommand.DialThirdParty;
import io.switchboard.interaction.call.domain.CallCommand.End;
import io.switchboard.interaction.call.domain.CallCommand.Hold;
import io.switchboard.interaction.call.domain.CallCommand.Join;
import io.switchboard.interaction.call.domain.CallCommand.Leave;
import io.switchboard.interaction.call.domain.CallCommand.Queue;
import io.switchboard.interaction.call.domain.CallCommand.RecordVoicemail;
import io.switchboard.interaction.call.domain.CallCommand.Resume;
import io.switchboard.interaction.call.domain.CallCommand.Ring;
import io.switchboard.interaction.call.domain.CallCommand.StartTransfer;
import io.switchboard.interaction.call.domain.CallCommand.UpdateCustomerFlags;

import java.util.List;

/**
 * The call aggregate: the Apps API create ({@link CallCreation}), the provider's lifecycle steps,
 * customer flags and third-party dialling ({@link CallLifecycle}), folded by {@link CallEvolution}.
 * Every check happens before any event; an impossible step names the current status.
 */
public final class CallDecider implements Decider<CallCommand, Call, DomainEvent> {

    @Override
    public Call initialState() {
        return Call.NONE;
    }

    @Override
    public List<DomainEvent> decide(CallCommand command, Call call) {
        if (command instanceof CreateCall create) {
            return CallCreation.create(create, call);
        }
        if (!call.exists()) {
            throw new AggregateNotFoundException("call");
        }
        // Flags may be set after the end (a supervisor's review); every other step needs a live call.
        if (command instanceof UpdateCustomerFlags flags) {
            return CallLifecycle.flags(flags, call);
        }
        if (call.status().isEnded()) {
            throw new IllegalTransitionException(call.status().value(), "the call has ended");
        }
        if (command instanceof Queue queue) {
            return CallLifecycle.queue(queue, call);
        }
        if (command instanceof Ring ring) {
            return CallLifecycle.ring(ring, call);
        }
        if (command instanceof Connect connect) {
            return CallLifecycle.connect(connect, call);
        }
        if (command instanceof Hold hold) {
            return CallLifecycle.hold(hold, call);
        }
        if (command instanceof Resume resume) {
            return CallLifecycle.resume(resume, call);
        }
        if (command instanceof StartTransfer transfer) {
            return CallLifecycle.transfer(transfer, call);
        }
        if (command instanceof Join join) {
            return CallLifecycle.join(join, call);
        }
        if (command instanceof Leave leave) {
            return CallLifecycle.leave(leave, call);
        }
        if (command instanceof End end) {
            return CallLifecycle.end(end, call);
        }
        if (command instanceof RecordVoicemail voicemail) {
            return CallLifecycle.voicemail(voicemail, call);
        }
        if (command instanceof DialThirdParty dial) {
            return CallLifecycle.dial(dial, call);
        }
        throw new UnhandledCommandException(command);
    }

    @Override
    public Call evolve(Call call, DomainEvent event) {
        return CallEvolution.evolve(call, event);
    }
}
