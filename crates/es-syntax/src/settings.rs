//! Cluster settings as Elasticsearch names them.

/// The namespaces of the settings Elasticsearch accepts at the cluster level: a key outside them
/// is refused (`persistent setting [x], not recognized`).
pub const CLUSTER_SETTING_NAMESPACES: [&str; 20] = [
    "action.",
    "cluster.",
    "indices.",
    "search.",
    "logger.",
    "xpack.",
    "ingest.",
    "network.",
    "thread_pool.",
    "transport.",
    "http.",
    "snapshot.",
    "script.",
    "persistent_tasks.",
    "health.",
    "data_streams.",
    "slm.",
    "stack.",
    "discovery.",
    "gateway.",
];
