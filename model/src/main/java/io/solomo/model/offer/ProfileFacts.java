package io.solomo.model.offer;

import java.util.List;
import java.util.Objects;

/**
 * Attributes derived from a customer's interactions, as the offer rules read them.
 *
 * @param visitCount          visits in a store, on the web site and in the app
 * @param purchaseCount       purchases, the F of RFM
 * @param recencyDays         whole days since the last purchase, the R of RFM; -1 when there was none
 * @param monetaryValue       total spent in the brand's currency, the M of RFM
 * @param favouriteStoreId    the store visited most, or null
 * @param lastStoreId         the store of the latest in-store interaction, or null
 * @param favouriteCategories up to three product categories, most money spent first
 * @param engagementScore     weighted interactions, each halved every 30 days; 0 for none
 * @param advocacyScore       0 to 100, from reviews posted and social shares
 */
public record ProfileFacts(int visitCount, int purchaseCount, long recencyDays, double monetaryValue,
                           String favouriteStoreId, String lastStoreId, List<String> favouriteCategories,
                           double engagementScore, int advocacyScore) {

    /** No interaction known. */
    public static final ProfileFacts NONE = new ProfileFacts(0, 0, -1, 0, null, null, List.of(), 0, 0);

    public ProfileFacts {
        favouriteCategories = List.copyOf(Objects.requireNonNull(favouriteCategories, "favouriteCategories"));
    }
}
