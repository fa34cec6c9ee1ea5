package io.solomo.decision.local;

import io.solomo.decision.security.UserScopes;
import io.solomo.decision.web.RejectUnknownFields;
import io.solomo.decision.web.WholeNumberDeserializer;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.annotation.JsonDeserialize;

import java.net.URI;
import java.security.Principal;
import java.util.List;

/**
 * Local templates and local campaigns. Head office ({@code MARKETER}) marks and withdraws templates and approves or
 * rejects campaigns; local marketers create campaigns for the stores of their scope and withdraw their own.
 */
@RestController
class LocalCampaignController {

    private final LocalTemplates templates;
    private final LocalCampaigns campaigns;
    private final UserScopes scopes;

    LocalCampaignController(LocalTemplates templates, LocalCampaigns campaigns, UserScopes scopes) {
        this.templates = templates;
        this.campaigns = campaigns;
        this.scopes = scopes;
    }

    @PutMapping("/api/v1/offers/{offerId}/local-template")
    LocalTemplates.TemplateView markTemplate(@PathVariable String offerId, @RequestBody TemplateRequest body,
                                             Principal caller) {
        return templates.mark(offerId, new LocalTemplates.TemplateBody(body.approvalRequired(), body.maxRunDays(),
                body.maxCouponsPerStore(), body.localOnly()), caller.getName());
    }

    /** Takes the template back; see {@link LocalTemplates#withdraw}. */
    @DeleteMapping("/api/v1/offers/{offerId}/local-template")
    LocalTemplates.WithdrawnView withdrawTemplate(@PathVariable String offerId, Principal caller) {
        return templates.withdraw(offerId, caller.getName());
    }

    @GetMapping("/api/v1/offers/{offerId}/local-template")
    LocalTemplates.TemplateView template(@PathVariable String offerId) {
        return templates.find(offerId);
    }

    @GetMapping("/api/v1/local-templates")
    List<LocalTemplates.TemplateView> listTemplates() {
        return templates.list();
    }

    @PostMapping("/api/v1/local-campaigns")
    ResponseEntity<LocalCampaigns.CampaignView> create(@RequestBody CampaignRequest body, Principal caller) {
        LocalCampaigns.CampaignView created = campaigns.create(new LocalCampaigns.CreateBody(body.templateOfferId(),
                body.storeIds(), body.startDate(), body.endDate(), body.maxPerDay(), body.maxTotal()),
                callerOf(caller));
        return ResponseEntity.status(HttpStatus.CREATED)
                .location(URI.create("/api/v1/local-campaigns/" + created.localCampaignId()))
                .body(created);
    }

    /** Lists the campaigns, all of them or those in {@code status}, such as {@code PENDING} for head office. */
    @GetMapping("/api/v1/local-campaigns")
    List<LocalCampaigns.CampaignView> list(@RequestParam(required = false) String status, Principal caller) {
        return campaigns.list(status, callerOf(caller));
    }

    @GetMapping("/api/v1/local-campaigns/{campaignId}")
    LocalCampaigns.CampaignView get(@PathVariable long campaignId, Principal caller) {
        return campaigns.get(campaignId, callerOf(caller));
    }

    @PostMapping("/api/v1/local-campaigns/{campaignId}/approve")
    LocalCampaigns.CampaignView approve(@PathVariable long campaignId, Principal caller) {
        return campaigns.approve(campaignId, callerOf(caller));
    }

    @PostMapping("/api/v1/local-campaigns/{campaignId}/reject")
    LocalCampaigns.CampaignView reject(@PathVariable long campaignId, @RequestBody RejectRequest body,
                                       Principal caller) {
        return campaigns.reject(campaignId, body.reason(), callerOf(caller));
    }

    @PostMapping("/api/v1/local-campaigns/{campaignId}/withdraw")
    LocalCampaigns.CampaignView withdraw(@PathVariable long campaignId, Principal caller) {
        return campaigns.withdraw(campaignId, callerOf(caller));
    }

    private LocalCampaigns.Caller callerOf(Principal caller) {
        return new LocalCampaigns.Caller(caller.getName(), scopes.of(caller.getName()));
    }

    /** Head office's settings of a template; see {@link LocalTemplates.TemplateBody}. */
    @RejectUnknownFields
    record TemplateRequest(Boolean approvalRequired,
                           @JsonDeserialize(using = WholeNumberDeserializer.class) Integer maxRunDays,
                           @JsonDeserialize(using = WholeNumberDeserializer.class) Integer maxCouponsPerStore,
                           Boolean localOnly) {
    }

    /** A local marketer's campaign; see {@link LocalCampaigns.CreateBody}. */
    @RejectUnknownFields
    record CampaignRequest(String templateOfferId, List<String> storeIds, String startDate, String endDate,
                           @JsonDeserialize(using = WholeNumberDeserializer.class) Integer maxPerDay,
                           @JsonDeserialize(using = WholeNumberDeserializer.class) Integer maxTotal) {
    }

    @RejectUnknownFields
    record RejectRequest(String reason) {
    }
}
