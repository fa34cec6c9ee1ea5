package io.solomo.decision.share;

import io.solomo.decision.web.NotFoundException;
import io.solomo.decision.web.PublicLinkPages;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

/** The public share link {@code /s/{code}}, which anyone opens without credentials. */
@RestController
class ShareLinkController {

    private final SocialShares shares;

    ShareLinkController(SocialShares shares) {
        this.shares = shares;
    }

    /** Counts the click and redirects to the landing page with the share code. */
    @GetMapping("/s/{code}")
    ResponseEntity<Void> follow(@PathVariable String code) {
        return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(shares.click(code))).build();
    }

    /** Redirects a link checker or a link preview as a click does, but counts no click. */
    @RequestMapping(path = "/s/{code}", method = RequestMethod.HEAD)
    ResponseEntity<Void> check(@PathVariable String code) {
        return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(shares.landingUrl(code))).build();
    }

    /** Shows a browser a page in French and English for an unknown code; API clients get the problem. */
    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<Object> unknownCode(NotFoundException failure, HttpServletRequest request) {
        return PublicLinkPages.notFound(request, failure,
                "Ce lien de partage n'existe pas. Vérifiez l'adresse ou demandez à la personne qui vous l'a envoyé "
                        + "de partager l'offre à nouveau.",
                "This share link does not exist. Check the address, or ask the person who sent it to share the "
                        + "offer again.");
    }
}
