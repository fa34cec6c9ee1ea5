-- Identity resolution looks up a chunk's identities by value alone, which the (type, value) key cannot serve.
create index ix_identity_value on customer_identity (identity_value);
