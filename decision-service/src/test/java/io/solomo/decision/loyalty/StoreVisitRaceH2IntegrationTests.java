package io.solomo.decision.loyalty;

/** The store visit race on the embedded default, H2. */
class StoreVisitRaceH2IntegrationTests extends StoreVisitRaceScenarios {

    /** H2 2.4 shows no blocker for a session that waits on a unique index, only the statement it runs. */
    @Override
    String pendingInsertsQuery() {
        return "select count(*) from information_schema.sessions "
                + "where lower(executing_statement) like 'insert into store_visit%'";
    }
}
