//! Which shard a document lives on (`IndexRouting.Unpartitioned#shardId`): the Murmur3 hash of
//! its routing (or id), modulo the routing shards, divided by the routing factor. A GET with
//! another routing looks on another shard and does not find the document, as in ES.

use crate::state::Index;

/// `Murmur3HashFunction#hash(String)`: Murmur3 x86 32-bit, seed 0, over the UTF-16 code units
/// as little-endian byte pairs.
fn murmur3_of(routing: &str) -> i32 {
    let bytes: Vec<u8> = routing.encode_utf16().flat_map(u16::to_le_bytes).collect();
    murmur3_x86_32(&bytes) as i32
}

/// Murmur3 x86 32-bit with seed 0 (`StringHelper.murmurhash3_x86_32`).
fn murmur3_x86_32(bytes: &[u8]) -> u32 {
    const C1: u32 = 0xcc9e_2d51;
    const C2: u32 = 0x1b87_3593;
    let mut h: u32 = 0;
    let chunks = bytes.chunks_exact(4);
    let tail = chunks.remainder();
    for chunk in chunks {
        let mut k = u32::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]);
        k = k.wrapping_mul(C1).rotate_left(15).wrapping_mul(C2);
        h ^= k;
        h = h.rotate_left(13).wrapping_mul(5).wrapping_add(0xe654_6b64);
    }
    let mut k: u32 = 0;
    for (i, b) in tail.iter().enumerate() {
        k |= u32::from(*b) << (8 * i);
    }
    if !tail.is_empty() {
        h ^= k.wrapping_mul(C1).rotate_left(15).wrapping_mul(C2);
    }
    h ^= bytes.len() as u32;
    h ^= h >> 16;
    h = h.wrapping_mul(0x85eb_ca6b);
    h ^= h >> 13;
    h = h.wrapping_mul(0xc2b2_ae35);
    h ^= h >> 16;
    h
}

/// `index.number_of_routing_shards`, or what `MetadataCreateIndexService#calculateNumRoutingShards`
/// makes of the shard count: the largest `shards × 2^n` up to 1024 (at least one split).
fn routing_shards(index: &Index) -> u64 {
    let shards = index.shards().max(1);
    if let Some(n) = index.setting("index.number_of_routing_shards").and_then(|s| s.parse().ok()) {
        return n;
    }
    let log2_shards = 64 - (shards - 1).leading_zeros() as i64;
    let splits = (10 - log2_shards).max(1);
    shards << splits
}

/// The shard of a document with this id and routing.
pub fn shard_of(index: &Index, id: &str, routing: Option<&str>) -> u64 {
    let routing_shards = routing_shards(index);
    let factor = (routing_shards / index.shards().max(1)).max(1);
    let hash = i64::from(murmur3_of(routing.unwrap_or(id)));
    hash.rem_euclid(routing_shards as i64) as u64 / factor
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Known values of Lucene's `StringHelper.murmurhash3_x86_32` over UTF-16LE bytes, as
    /// `Murmur3HashFunction` feeds it.
    #[test]
    fn murmur3_reference_values() {
        assert_eq!(murmur3_x86_32(b""), 0);
        assert_eq!(murmur3_x86_32(b"hello"), 0x248b_fa47);
        assert_eq!(murmur3_x86_32(b"The quick brown fox jumps over the lazy dog"), 0x2e4f_f723);
        assert_ne!(murmur3_of("1"), murmur3_of("5"));
    }
}
