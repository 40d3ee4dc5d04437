//! Reconcile: the declared tree against the cluster. Normalize both sides, diff them into a
//! [`plan::Plan`], preview the plan's impact on existing indices, and apply it in dependency order.
//!
//! Everything but [`read_cluster`] and [`apply::execute`] is pure: data in, data out, "now"
//! passed in.

pub mod apply;
pub mod diff;
pub mod export;
pub mod impact;
pub mod normalize;
pub mod plan;
pub mod render;

use crate::es::resources::StoredResource;
use crate::es::{Client, RequestError};
use crate::resources::ResourceKind;

/// Every stored resource of `kinds`, one request per kind whatever the number of resources.
pub async fn read_cluster(client: &Client, kinds: &[ResourceKind]) -> Result<Vec<StoredResource>, RequestError> {
    let mut stored = Vec::new();
    for kind in kinds {
        stored.extend(client.stored_resources(*kind).await?);
    }
    Ok(stored)
}
