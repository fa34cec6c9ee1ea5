package io.solomo.decision.delivery;

import io.solomo.decision.web.InvalidFieldException;
import io.solomo.decision.web.NotFoundException;
import io.solomo.decision.web.Problem;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Lists dead letters and replays them. */
@RestController
class DeadLetterController {

    private static final int MAX_LIMIT = 1000;

    private final DeadLetters deadLetters;

    DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping("/api/v1/dead-letters")
    List<DeadLetters.DeadLetter> list(@RequestParam(defaultValue = "true") boolean pendingOnly,
                                      @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidFieldException("limit", limit, "limit must be within 1.." + MAX_LIMIT + ", got " + limit);
        }
        return deadLetters.list(pendingOnly, limit);
    }

    @PostMapping("/api/v1/dead-letters/{deadLetterId}/replay")
    DeadLetters.DeadLetter replay(@PathVariable String deadLetterId) {
        DeadLetters.DeadLetter deadLetter = deadLetters.find(deadLetterId)
                .orElseThrow(() -> new NotFoundException("dead letter", "deadLetterId", deadLetterId));
        if (!deadLetters.replay(deadLetterId)) {
            throw Problem.of(HttpStatus.CONFLICT, "already-replayed", "Already replayed", "dead letter "
                    + deadLetterId + " was replayed already at " + deadLetter.replayedAt()).exception();
        }
        return deadLetters.find(deadLetterId).orElse(deadLetter);
    }
}
