-- Adds 1,000,000 profiles (bench-1 .. bench-1000000), each with an email, two preferred channels and a consent,
-- for the profile read benchmark. PostgreSQL only (generate_series).
insert into customer (customer_id, display_name, loyalty_tier, language, time_zone, created_at, version,
                      anonymous, updated_at, visit_count, interaction_count, purchase_count, monetary_total)
select 'bench-' || n, null, 'BRONZE', 'fr', 'Europe/Paris', now(), 0, false, now(), n % 20, n % 50, n % 5, n % 900
from generate_series(1, 1000000) as n;
insert into customer_identity (customer_id, identity_type, identity_value)
select 'bench-' || n, 'EMAIL', 'bench-' || n || '@example.fr' from generate_series(1, 1000000) as n;
insert into channel_preference (customer_id, channel, rank)
select 'bench-' || n, 'PUSH', 1 from generate_series(1, 1000000) as n;
insert into channel_preference (customer_id, channel, rank)
select 'bench-' || n, 'EMAIL', 2 from generate_series(1, 1000000) as n;
insert into consent (customer_id, purpose, channel, status, source, recorded_at)
select 'bench-' || n, 'MARKETING', 'EMAIL', 'GRANTED', 'bench', now() from generate_series(1, 1000000) as n;
analyze;
