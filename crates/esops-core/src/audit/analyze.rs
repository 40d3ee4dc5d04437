//! The audit itself: a cluster snapshot in, a report out. Pure — the clock comes in as `now`,
//! nothing is read or printed here — so every finding is unit-tested without a server.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Days, NaiveDate, Utc};

use super::forecast::{self, FIT_DAYS, FamilyGrowth, MAX_FORECAST_DAYS};
use super::report::{
    AuditReport, DaySize, DiskReport, FamilyReport, Finding, FindingCode, NodeReport, PhaseSize, PlannedDeletion,
    SCHEMA_VERSION, SERIES_DAYS, Severity, ShardCapacity, Totals, WatermarkLevel, Watermarks,
};
use super::{AuditOptions, ClusterSnapshot};
use crate::es::cluster_state::{CatIndex, IlmExplain, IlmPolicy, IndexSettings};
use crate::lifecycle::family::{FamilyMember, IndexFamily, group, merge};
use crate::lifecycle::ilm::phase_rank;
use crate::lifecycle::name_date::{Granularity, NameDate};

const DAY_MILLIS: i64 = 86_400_000;
const GIB: u64 = 1 << 30;
/// Elastic's sizing guidance: 10–50 GB per shard; below 1 GB a daily family is oversharded.
const SMALL_SHARD_BYTES: u64 = GIB;
const LARGE_SHARD_BYTES: u64 = 50 * GIB;
/// Elastic's guidance: under 200M documents per shard.
const MAX_DOCS_PER_SHARD: u64 = 200_000_000;
/// ILM polls every 10 minutes and finishes earlier phases first; a day late is not yet a problem.
const RETENTION_GRACE_MILLIS: i64 = DAY_MILLIS;
/// Today's index may be empty right after midnight; an index empty for a day is clutter.
const EMPTY_MIN_AGE_MILLIS: i64 = DAY_MILLIS;
/// How many index names a finding's evidence quotes before "and N more".
const QUOTED_NAMES: usize = 3;

/// One index with everything the snapshot says about it.
#[derive(Debug, Clone, Copy)]
struct IndexView<'a> {
    cat: &'a CatIndex,
    explain: Option<&'a IlmExplain>,
    settings: Option<&'a IndexSettings>,
    /// `index.lifecycle.name` (or the policy explain names).
    policy: Option<&'a str>,
    /// Managed by the data stream lifecycle instead of ILM.
    data_stream_lifecycle: bool,
    /// Its data stream lifecycle's retention, milliseconds (when it manages the index and sets one).
    dsl_retention_millis: Option<i64>,
    /// When its data stream lifecycle deletes it: its generation (rollover) time — the creation
    /// of the next backing index — plus the retention; `None` for the write index.
    dsl_deletion_millis: Option<i64>,
    /// The write index of an alias or data stream.
    is_write: bool,
    /// The UTC day of the data: the name's date for daily names, else the creation day.
    day: Option<NaiveDate>,
}

impl<'a> IndexView<'a> {
    fn name(&self) -> &'a str {
        &self.cat.index
    }

    fn store(&self) -> u64 {
        self.cat.store_bytes.unwrap_or(0)
    }

    fn primary_store(&self) -> u64 {
        self.cat.primary_store_bytes.unwrap_or(0)
    }

    fn phase(&self) -> &'a str {
        match (self.policy, self.explain.and_then(|e| e.phase.as_deref())) {
            (Some(_), Some(phase)) => phase,
            (Some(_), None) => "new",
            (None, _) if self.data_stream_lifecycle => "data_stream_lifecycle",
            (None, _) => "unmanaged",
        }
    }

    /// The date ILM ages the index from: explain's lifecycle date, else the creation date.
    fn lifecycle_millis(&self) -> Option<i64> {
        self.explain.and_then(|e| e.lifecycle_date_millis).or(self.cat.creation_millis)
    }
}

/// Looks names up in a map sorted by name, for names that come in the same order (`_cat/indices`
/// sorted by index): one walk along the map instead of a search per name, which at 100,000
/// indices compares long shared prefixes some 17 times each. A name out of order is searched.
struct SortedLookup<'a, V> {
    map: &'a BTreeMap<String, V>,
    walk: std::iter::Peekable<std::collections::btree_map::Range<'a, String, V>>,
    last: Option<&'a str>,
}

impl<'a, V> SortedLookup<'a, V> {
    /// For names from `first` on.
    fn new(map: &'a BTreeMap<String, V>, first: &str) -> Self {
        SortedLookup {
            map,
            walk: map.range::<str, _>((std::ops::Bound::Included(first), std::ops::Bound::Unbounded)).peekable(),
            last: None,
        }
    }

    fn get(&mut self, name: &'a str) -> Option<&'a V> {
        if self.last.is_some_and(|last| name < last) {
            return self.map.get(name);
        }
        self.last = Some(name);
        while let Some((key, value)) = self.walk.peek() {
            match key.as_str().cmp(name) {
                std::cmp::Ordering::Less => {
                    self.walk.next();
                }
                std::cmp::Ordering::Equal => return Some(value),
                std::cmp::Ordering::Greater => return None,
            }
        }
        None
    }
}

/// Elastic's own and hidden indices (`.kibana_…`, `.security`): their lifecycle is not the
/// operator's to fix. Data stream backing indices are hidden too but very much the operator's.
fn is_system(m: &FamilyMember<IndexView>) -> bool {
    !m.key.data_stream_backing && (m.index.name().starts_with('.') || m.index.settings.is_some_and(|s| s.hidden))
}

fn utc_day(millis: i64) -> Option<NaiveDate> {
    DateTime::from_timestamp_millis(millis).map(|d| d.date_naive())
}

fn day_offset(today: NaiveDate, days_back: i64) -> NaiveDate {
    today.checked_sub_days(Days::new(days_back.unsigned_abs())).unwrap_or(today)
}

/// Runs the audit over `snapshot` as of `now`.
pub fn analyze<'a>(snapshot: &'a ClusterSnapshot, now: DateTime<Utc>, options: &AuditOptions) -> AuditReport {
    let today = now.date_naive();
    let now_millis = now.timestamp_millis();
    let mut write_indices: BTreeSet<&str> = BTreeSet::new();
    let mut lifecycle_streams: BTreeSet<&str> = BTreeSet::new();
    // Backing index → (retention, deletion time) under the data stream lifecycle.
    let mut dsl_deletions: BTreeMap<&str, (i64, Option<i64>)> = BTreeMap::new();
    // Built only when a data stream lifecycle deletes (100,000 indices, usually none).
    let lifecycle_deletes =
        snapshot.data_streams.iter().any(|ds| ds.data_stream_lifecycle && ds.retention_millis().is_some());
    let creation: BTreeMap<&str, i64> = match lifecycle_deletes {
        true => snapshot.indices.iter().filter_map(|c| Some((c.index.as_str(), c.creation_millis?))).collect(),
        false => BTreeMap::new(),
    };
    for ds in &snapshot.data_streams {
        if let Some(last) = ds.indices.last() {
            write_indices.insert(last);
        }
        if ds.data_stream_lifecycle {
            lifecycle_streams.extend(ds.indices.iter().map(String::as_str));
            if let Some(retention) = ds.retention_millis() {
                for (index, rolled) in ds.rolled_over_millis(|next| creation.get(next).copied()) {
                    dsl_deletions.insert(index, (retention, rolled.map(|r| r + retention)));
                }
            }
        }
    }
    for (index, aliases) in &snapshot.aliases {
        if aliases.iter().any(|a| a.is_write_index) {
            write_indices.insert(index);
        }
    }
    let view = |cat: &'a CatIndex,
                explains: &mut SortedLookup<'a, IlmExplain>,
                settings: &mut SortedLookup<'a, IndexSettings>| {
        let explain = explains.get(&cat.index);
        let settings = settings.get(&cat.index);
        let policy = settings
            .and_then(|s| s.lifecycle_name.as_deref())
            .or_else(|| explain.filter(|e| e.managed).and_then(|e| e.policy.as_deref()));
        IndexView {
            cat,
            explain,
            settings,
            policy,
            data_stream_lifecycle: lifecycle_streams.contains(cat.index.as_str()),
            dsl_retention_millis: dsl_deletions.get(cat.index.as_str()).map(|(r, _)| *r),
            dsl_deletion_millis: dsl_deletions.get(cat.index.as_str()).and_then(|(_, at)| *at),
            is_write: write_indices.contains(cat.index.as_str()),
            day: None,
        }
    };
    // The indices' views grouped into families, part by part on threads from 10,000 indices.
    let group_part = |part: &'a [CatIndex]| {
        let first = part.first().map_or("", |c| c.index.as_str());
        let (mut explains, mut settings) =
            (SortedLookup::new(&snapshot.explain, first), SortedLookup::new(&snapshot.settings, first));
        let mut families = group(part.iter().map(|cat| view(cat, &mut explains, &mut settings)), |v| v.name());
        for family in &mut families {
            for m in &mut family.members {
                m.index.day = match &m.key.date {
                    NameDate::Parsed(date, format) if format.granularity() == Granularity::Day => Some(*date),
                    _ => m.index.cat.creation_millis.and_then(utc_day),
                };
            }
        }
        families
    };
    let families = merge(in_parts(&snapshot.indices, |_| 1, group_part), |v| v.name());

    let mut findings = Vec::new();
    let mut growth = Vec::new();
    let mut family_reports = Vec::new();
    let mut policy_users: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    let used_disk: u64 = snapshot.nodes.iter().filter_map(|n| n.used_bytes).sum();
    let index_bytes: u64 = snapshot.indices.iter().map(|i| i.store_bytes.unwrap_or(0)).sum();
    let share_base = if used_disk > 0 { used_disk } else { index_bytes };
    let mut totals = Totals::default();
    let mut days: BTreeMap<NaiveDate, u64> = BTreeMap::new();
    let mut phases: BTreeMap<&str, (usize, u64)> = BTreeMap::new();
    let mut read_only_indices: Vec<String> = Vec::new();
    // The selected indices, needed (for the backup findings) only when the audit is narrowed.
    let narrowed = options.family.is_some() || options.pattern.is_some();
    let mut selected_names: BTreeSet<&str> = BTreeSet::new();

    let scope = FamilyScope { snapshot, options, now, today, share_base, narrowed };
    for audit in each_in_parallel(&families, |family| audit_family(family, &scope)) {
        growth.push(audit.growth);
        let Some(report) = audit.report else { continue };
        selected_names.extend(audit.selected);
        read_only_indices.extend(audit.read_only);
        for (policy, users) in audit.policy_users {
            policy_users.entry(policy).or_default().extend(users);
        }
        for (phase, (indices, bytes)) in audit.phases {
            let sum = phases.entry(phase).or_default();
            sum.0 += indices;
            sum.1 += bytes;
        }
        for d in &report.daily {
            *days.entry(d.date).or_default() += d.bytes;
        }
        totals.indices += report.indices;
        totals.families += 1;
        totals.store_bytes += report.store_bytes;
        totals.primary_store_bytes += report.primary_store_bytes;
        totals.docs += report.docs;
        findings.extend(audit.findings);
        family_reports.push(report);
    }
    policy_findings(&mut findings, &policy_users, &snapshot.policies);
    let repositories = match &snapshot.backups {
        Some(backups) => {
            let selected: Vec<&str> = if narrowed {
                snapshot.indices.iter().map(|i| i.index.as_str()).filter(|i| selected_names.contains(i)).collect()
            } else {
                Vec::new()
            };
            let (reports, found) = super::backups::analyze(
                backups,
                &snapshot.policies,
                &policy_users,
                narrowed.then_some(selected.as_slice()),
                now_millis,
            );
            findings.extend(found);
            reports
        }
        None => Vec::new(),
    };

    let nodes = node_reports(snapshot);
    for node in &nodes {
        if let Some(level) = node.level {
            findings.push(Finding {
                code: FindingCode::DiskWatermark,
                severity: if level == WatermarkLevel::Low { Severity::Warn } else { Severity::Error },
                subject: node.node.clone(),
                indices: Vec::new(),
                evidence: format!(
                    "disk {:.1}% used, past the {} watermark ({})",
                    node.percent,
                    level.as_str().replace('_', " "),
                    watermark_setting(&snapshot.watermarks, level)
                ),
                action: match level {
                    WatermarkLevel::Low => "no new shards go to this node: delete old indices or add disk".into(),
                    WatermarkLevel::High => "shards are moving off this node: free disk now".into(),
                    WatermarkLevel::FloodStage => {
                        "indices on this node are read-only: delete indices to get below the high watermark".into()
                    }
                },
            });
        }
    }
    if !read_only_indices.is_empty() {
        findings.push(Finding {
            code: FindingCode::ReadOnlyBlock,
            severity: Severity::Error,
            subject: "cluster".into(),
            evidence: format!(
                "{} carr{} index.blocks.read_only_allow_delete: writes are refused",
                quote_names(&read_only_indices),
                if read_only_indices.len() == 1 { "ies" } else { "y" }
            ),
            indices: read_only_indices.clone(),
            action: "free disk below the high watermark (ES 7.4+ then lifts the block itself), or remove it with \
                     PUT <index>/_settings {\"index.blocks.read_only_allow_delete\": null}"
                .into(),
        });
    }
    if !nodes.is_empty() {
        let high: u64 = nodes.iter().map(|n| n.high_bytes).sum();
        let room = i64::try_from(high).unwrap_or(i64::MAX) - i64::try_from(used_disk).unwrap_or(i64::MAX);
        for report in &mut family_reports {
            report.retention_fit_days = retention_fit_days(report.store_bytes, report.daily_average_7d_bytes, room);
        }
    }
    let flood_stage_bytes: Option<u64> =
        if nodes.is_empty() { None } else { Some(nodes.iter().map(|n| n.flood_stage_bytes).sum()) };
    let mut forecast = forecast::forecast(&growth, used_disk, flood_stage_bytes, today);
    if nodes.len() > 1 {
        // Said, because the fullest node reaches its flood stage first.
        forecast.method.push_str(&format!(
            "; over the {} nodes' disks together, as if the balancer spread the data evenly",
            nodes.len()
        ));
    }
    if let Some(days_left) = forecast.days_until_flood_stage.filter(|d| *d <= options.horizon_days) {
        findings.push(Finding {
            code: FindingCode::FloodStageForecast,
            severity: if days_left <= 7 { Severity::Error } else { Severity::Warn },
            subject: "cluster".into(),
            indices: Vec::new(),
            evidence: format!(
                "the flood stage ({}) is {} at {} net growth per day ({:?} confidence: {})",
                snapshot.watermarks.flood_stage,
                match days_left {
                    0 => "reached".to_string(),
                    1 => "1 day away".to_string(),
                    d => format!("{d} days away"),
                },
                crate::render::human_bytes(forecast.net_daily_growth_bytes.max(0) as u64),
                forecast.confidence,
                forecast.method
            ),
            action: "shorten retention (delete phase min_age), shrink replicas of old indices, or add disk".into(),
        });
    }

    let shards = shard_capacity(snapshot);
    if let Some(finding) = shards.and_then(shard_limit_finding) {
        findings.push(finding);
    }

    findings.sort_by(|a, b| (b.severity, a.code, &a.subject).cmp(&(a.severity, b.code, &b.subject)));
    family_reports.sort_by(|a, b| b.store_bytes.cmp(&a.store_bytes).then_with(|| a.name.cmp(&b.name)));
    let first_day = day_offset(today, SERIES_DAYS - 1);
    AuditReport {
        schema_version: SCHEMA_VERSION,
        generated_at: now,
        cluster: snapshot.cluster_name.clone(),
        totals,
        disk: DiskReport {
            watermarks: Watermarks {
                low: snapshot.watermarks.low.clone(),
                high: snapshot.watermarks.high.clone(),
                flood_stage: snapshot.watermarks.flood_stage.clone(),
                enabled: snapshot.watermarks.enabled,
            },
            nodes,
            read_only_indices,
            forecast,
        },
        shards,
        repositories,
        backups_read: snapshot.backups.is_some(),
        families: family_reports,
        days: first_day
            .iter_days()
            .take_while(|d| *d <= today)
            .map(|date| DaySize { date, bytes: days.get(&date).copied().unwrap_or(0) })
            .collect(),
        phases: {
            let mut phases: Vec<PhaseSize> = phases
                .into_iter()
                .map(|(phase, (indices, store_bytes))| PhaseSize { phase: phase.to_string(), indices, store_bytes })
                .collect();
            phases.sort_by(|a, b| phase_rank(&a.phase).cmp(&phase_rank(&b.phase)));
            phases
        },
        findings,
    }
}

/// What every family's audit reads besides the family.
struct FamilyScope<'s> {
    snapshot: &'s ClusterSnapshot,
    options: &'s AuditOptions,
    now: DateTime<Utc>,
    today: NaiveDate,
    share_base: u64,
    narrowed: bool,
}

/// One family's audit: its growth (every family: the disk is shared), and for its selected
/// members their report, findings and shares of the cluster-wide sums.
struct FamilyAudit<'a> {
    growth: FamilyGrowth,
    /// `None` when the selection leaves none of its members.
    report: Option<FamilyReport>,
    findings: Vec<Finding>,
    /// The selected members' names, when the audit is narrowed.
    selected: Vec<&'a str>,
    /// Selected members under `index.blocks.read_only_allow_delete`.
    read_only: Vec<String>,
    /// Selected members by policy.
    policy_users: BTreeMap<&'a str, Vec<&'a str>>,
    /// Selected members and their bytes by phase.
    phases: BTreeMap<&'a str, (usize, u64)>,
}

fn audit_family<'a>(family: &'a IndexFamily<IndexView<'a>>, scope: &FamilyScope<'a>) -> FamilyAudit<'a> {
    let snapshot = scope.snapshot;
    let mut audit = FamilyAudit {
        growth: family_growth(family, &snapshot.policies, scope.today, scope.now.timestamp_millis()),
        report: None,
        findings: Vec::new(),
        selected: Vec::new(),
        read_only: Vec::new(),
        policy_users: BTreeMap::new(),
        phases: BTreeMap::new(),
    };
    let selected: Vec<&FamilyMember<IndexView>> =
        family.members.iter().filter(|m| scope.options.selects(&family.name, m.index.name())).collect();
    if selected.is_empty() {
        return audit;
    }
    for m in &selected {
        if scope.narrowed {
            audit.selected.push(m.index.name());
        }
        if m.index.settings.is_some_and(|s| s.read_only_allow_delete) {
            audit.read_only.push(m.index.name().to_string());
        }
        if let Some(p) = m.index.policy {
            audit.policy_users.entry(p).or_default().push(m.index.name());
        }
        let phase = audit.phases.entry(m.index.phase()).or_default();
        phase.0 += 1;
        phase.1 += m.index.store();
    }
    audit.report = Some(family_report(family, &selected, &snapshot.policies, scope.today, scope.share_base));
    family_findings(&mut audit.findings, family, &selected, snapshot, scope.now);
    if let Some(mappings) = snapshot.mappings.get(&family.name) {
        let members: Vec<super::mappings::Member<'_>> = selected
            .iter()
            .map(|m| super::mappings::Member { name: m.index.name(), settings: m.index.settings })
            .collect();
        super::mappings::findings(&mut audit.findings, &family.name, &members, mappings);
    }
    audit
}

/// Indices from which an audit spreads its families over threads: below, starting them costs
/// more than they save.
const PARALLEL_FROM_INDICES: usize = 10_000;

/// `work` over each family, on as many threads as there are CPUs (four at most) when the
/// families hold many indices, the results in the families' order — as one thread would give
/// them. The analysis stays pure: the threads share nothing but what they read.
pub(super) fn each_in_parallel<'a, T: Sync + 'a, R: Send>(
    families: &'a [IndexFamily<T>],
    work: impl Fn(&'a IndexFamily<T>) -> R + Sync,
) -> Vec<R> {
    in_parts(families, |f| f.members.len(), |part| part.iter().map(&work).collect::<Vec<R>>())
        .into_iter()
        .flatten()
        .collect()
}

/// `work` over parts of `items` of about the same weight, one part per CPU (four at most) and
/// each on a thread of its own when the items weigh [`PARALLEL_FROM_INDICES`] or more, else over
/// all of them as one part; the parts' results in order.
fn in_parts<'a, T: Sync, R: Send>(
    items: &'a [T],
    weight: impl Fn(&T) -> usize,
    work: impl Fn(&'a [T]) -> R + Sync,
) -> Vec<R> {
    let total: usize = items.iter().map(&weight).sum();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(4);
    if threads < 2 || total < PARALLEL_FROM_INDICES {
        return vec![work(items)];
    }
    // Parts of about the same weight, in order.
    let per_thread = total.div_ceil(threads);
    let mut parts: Vec<&[T]> = Vec::new();
    let (mut start, mut held) = (0, 0);
    for (i, item) in items.iter().enumerate() {
        held += weight(item);
        if held >= per_thread {
            parts.push(&items[start..=i]);
            (start, held) = (i + 1, 0);
        }
    }
    if start < items.len() {
        parts.push(&items[start..]);
    }
    let work = &work;
    std::thread::scope(|s| {
        let running: Vec<_> = parts.into_iter().map(|part| s.spawn(move || work(part))).collect();
        running.into_iter().map(|thread| thread.join().unwrap_or_else(|p| std::panic::resume_unwind(p))).collect()
    })
}

/// Bytes per day over `[from, to]`, from members' days.
fn bytes_by_day(members: &[&FamilyMember<IndexView>], from: NaiveDate, to: NaiveDate) -> BTreeMap<NaiveDate, u64> {
    let mut by_day = BTreeMap::new();
    for m in members {
        if let Some(day) = m.index.day.filter(|d| (from..=to).contains(d)) {
            *by_day.entry(day).or_insert(0) += m.index.store();
        }
    }
    by_day
}

/// Complete days (ending yesterday) in the last `window` days on which the family existed.
fn history_window(
    members: &[&FamilyMember<IndexView>],
    today: NaiveDate,
    window: i64,
) -> Option<(NaiveDate, NaiveDate)> {
    let first = members.iter().filter_map(|m| m.index.day).min()?;
    let from = day_offset(today, window).max(first);
    let to = day_offset(today, 1);
    (from <= to).then_some((from, to))
}

fn daily_average(members: &[&FamilyMember<IndexView>], today: NaiveDate, window: i64) -> Option<u64> {
    let (from, to) = history_window(members, today, window)?;
    let days = (to - from).num_days() + 1;
    let total: u64 = bytes_by_day(members, from, to).values().sum();
    Some(total / days.unsigned_abs())
}

/// When ILM deletes `view`, if its policy deletes; without a policy, when its data stream
/// lifecycle does.
fn deletion_millis(view: &IndexView, policies: &BTreeMap<String, IlmPolicy>) -> Option<i64> {
    let Some(policy) = view.policy else { return view.dsl_deletion_millis.filter(|_| view.data_stream_lifecycle) };
    let delete_after = policies.get(policy)?.delete_after_millis()?;
    Some(view.lifecycle_millis()? + delete_after)
}

fn family_growth(
    family: &IndexFamily<IndexView>,
    policies: &BTreeMap<String, IlmPolicy>,
    today: NaiveDate,
    now_millis: i64,
) -> FamilyGrowth {
    let members: Vec<&FamilyMember<IndexView>> = family.members.iter().collect();
    let history = history_window(&members, today, FIT_DAYS)
        .map(|(from, to)| {
            let by_day = bytes_by_day(&members, from, to);
            from.iter_days().take_while(|d| *d <= to).map(|d| by_day.get(&d).copied().unwrap_or(0)).collect()
        })
        .unwrap_or_default();
    let newest_policy = family.newest().and_then(|m| policies.get(m.index.policy?));
    let newest_dsl = family.newest().filter(|m| m.index.policy.is_none()).and_then(|m| m.index.dsl_retention_millis);
    let delete_after_days = newest_policy
        .and_then(IlmPolicy::delete_after_millis)
        .or(newest_dsl)
        .map(|ms| u32::try_from((ms + DAY_MILLIS - 1) / DAY_MILLIS).unwrap_or(u32::MAX));
    let scheduled_deletions = family
        .members
        .iter()
        .filter_map(|m| {
            let at = deletion_millis(&m.index, policies)?;
            // Indices ILM is already late with are evidently not being deleted: the forecast keeps them.
            if at < now_millis - RETENTION_GRACE_MILLIS {
                return None;
            }
            let day = ((at - now_millis).max(0) + DAY_MILLIS - 1) / DAY_MILLIS;
            let day = u32::try_from(day.max(1)).ok().filter(|d| *d <= MAX_FORECAST_DAYS)?;
            Some((day, m.index.store()))
        })
        .collect();
    FamilyGrowth { history, delete_after_days, scheduled_deletions }
}

fn family_report(
    family: &IndexFamily<IndexView>,
    members: &[&FamilyMember<IndexView>],
    policies: &BTreeMap<String, IlmPolicy>,
    today: NaiveDate,
    share_base: u64,
) -> FamilyReport {
    let store_bytes: u64 = members.iter().map(|m| m.index.store()).sum();
    let mut policy_counts: BTreeMap<Option<&str>, usize> = BTreeMap::new();
    let mut phases: BTreeMap<&str, usize> = BTreeMap::new();
    for m in members {
        *policy_counts.entry(m.index.policy).or_default() += 1;
        *phases.entry(m.index.phase()).or_default() += 1;
    }
    let phases = phases.into_iter().map(|(phase, n)| (phase.to_string(), n)).collect();
    let policy = policy_counts.iter().max_by_key(|(_, n)| **n).and_then(|(p, _)| p.map(str::to_string));
    let next_deletion =
        members.iter().filter_map(|m| Some((deletion_millis(&m.index, policies)?, m.index.name()))).min().and_then(
            |(at, index)| Some(PlannedDeletion { index: index.to_string(), at: DateTime::from_timestamp_millis(at)? }),
        );
    let first_day = day_offset(today, SERIES_DAYS - 1);
    let by_day = bytes_by_day(members, first_day, today);
    FamilyReport {
        name: family.name.clone(),
        data_stream: members.iter().any(|m| m.key.data_stream_backing),
        indices: members.len(),
        oldest_date: members.iter().find_map(|m| m.key.date.date()),
        newest_date: members.iter().rev().find_map(|m| m.key.date.date()),
        store_bytes,
        primary_store_bytes: members.iter().map(|m| m.index.primary_store()).sum(),
        docs: members.iter().filter_map(|m| m.index.cat.docs).sum(),
        // One index is not a series: a per-day figure would only divide it by its age.
        daily_average_7d_bytes: daily_average(members, today, 7).filter(|_| members.len() > 1),
        daily_average_30d_bytes: daily_average(members, today, 30).filter(|_| members.len() > 1),
        daily: first_day
            .iter_days()
            .take_while(|d| *d <= today)
            .map(|date| DaySize { date, bytes: by_day.get(&date).copied().unwrap_or(0) })
            .collect(),
        disk_share: if share_base == 0 { 0.0 } else { store_bytes as f64 / share_base as f64 },
        policy,
        policies_agree: policy_counts.len() == 1,
        phases,
        next_deletion,
        data_stream_retention: members
            .iter()
            .rev()
            .find(|m| m.index.policy.is_none() && m.index.data_stream_lifecycle)
            .and_then(|m| m.index.dsl_retention_millis)
            .map(render_days),
        retention_fit_days: None,
    }
}

/// A retention in days when it is whole days (`30d`), else hours (`36h`).
fn render_days(millis: i64) -> String {
    const HOUR: i64 = 3_600_000;
    if millis % DAY_MILLIS == 0 { format!("{}d", millis / DAY_MILLIS) } else { format!("{}h", millis / HOUR) }
}

/// Days of data a family can hold: what it holds now plus the room under the high watermark
/// (negative when above it), in days of its current daily size.
pub(super) fn retention_fit_days(store_bytes: u64, daily_bytes: Option<u64>, room_bytes: i64) -> Option<u64> {
    let daily = daily_bytes.filter(|d| *d > 0)?;
    let fits = i128::from(store_bytes) + i128::from(room_bytes);
    Some(u64::try_from(fits.max(0) / i128::from(daily)).unwrap_or(u64::MAX))
}

/// `a, b, c and 7 more`.
fn quote_names<S: AsRef<str>>(names: &[S]) -> String {
    let shown: Vec<&str> = names.iter().take(QUOTED_NAMES).map(AsRef::as_ref).collect();
    match names.len().saturating_sub(QUOTED_NAMES) {
        0 => shown.join(", "),
        more => format!("{} and {more} more", shown.join(", ")),
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn names(members: &[&FamilyMember<IndexView>]) -> Vec<String> {
    members.iter().map(|m| m.index.name().to_string()).collect()
}

/// The per-family findings over the selected members.
fn family_findings(
    findings: &mut Vec<Finding>,
    family: &IndexFamily<IndexView>,
    members: &[&FamilyMember<IndexView>],
    snapshot: &ClusterSnapshot,
    now: DateTime<Utc>,
) {
    let now_millis = now.timestamp_millis();
    let subject = family.name.clone();
    let mut push = |code: FindingCode,
                    severity: Severity,
                    affected: &[&FamilyMember<IndexView>],
                    evidence: String,
                    action: String| {
        if !affected.is_empty() {
            findings.push(Finding {
                code,
                severity,
                subject: subject.clone(),
                indices: names(affected),
                evidence,
                action,
            });
        }
    };
    let owned: Vec<&FamilyMember<IndexView>> = members.iter().copied().filter(|m| !is_system(m)).collect();

    // ILM errors, one finding per distinct failure.
    let mut errors: BTreeMap<(String, String), Vec<&FamilyMember<IndexView>>> = BTreeMap::new();
    for m in members {
        if let Some(e) = m.index.explain.filter(|e| e.step.as_deref() == Some("ERROR")) {
            let at = format!(
                "{}/{}/{}",
                e.phase.as_deref().unwrap_or("?"),
                e.action.as_deref().unwrap_or("?"),
                e.failed_step.as_deref().unwrap_or("?")
            );
            errors.entry((at, e.reason().unwrap_or("no reason given").to_string())).or_default().push(m);
        }
    }
    for ((at, reason), affected) in errors {
        // `esops ilm retry` retries only what is in ERROR, so the family's pattern is safe.
        let targets = match names(&affected) {
            few if few.len() <= 3 => few.join(" "),
            _ => format!("'{}*'", family.name),
        };
        let fix = ilm_error_fix(&reason).unwrap_or("fix the cause");
        push(
            FindingCode::IlmStepError,
            Severity::Error,
            &affected,
            format!("{} failed at {at}: {reason}", quote_names(&names(&affected))),
            format!("{fix}, then retry the failed step: esops ilm retry {targets}"),
        );
    }

    // Waiting steps ILM has not left in far longer than they take: one finding per step.
    let mut stuck: BTreeMap<String, Vec<(&FamilyMember<IndexView>, i64)>> = BTreeMap::new();
    for m in members {
        let Some(e) = m.index.explain else { continue };
        let (Some(step), Some(since)) = (e.step.as_deref(), e.step_time_millis) else { continue };
        let phase = e.phase.as_deref().unwrap_or("?");
        let Some(limit) = stuck_after_millis(step, m.index.policy.and_then(|p| snapshot.policies.get(p)), phase) else {
            continue;
        };
        if now_millis - since > limit {
            let at = format!("{phase}/{}/{step}", e.action.as_deref().unwrap_or("?"));
            stuck.entry(at).or_default().push((m, since));
        }
    }
    for (at, mut waiting) in stuck {
        waiting.sort_by_key(|(_, since)| *since);
        let affected: Vec<_> = waiting.iter().map(|(m, _)| *m).collect();
        let (longest, since) = waiting[0];
        let says = longest.index.explain.and_then(IlmExplain::waiting_for).map(|w| format!("; ES says: {w}"));
        let action = if at.ends_with("/check-rollover-ready") {
            "the policy's max_age has long passed: check that the rollover alias points at the index as its write \
             index (GET _alias/<alias>) and that ILM runs (GET _ilm/status); esops rollover shows the conditions"
        } else {
            "GET <index>/_ilm/explain says what the step waits for (shards to allocate on matching nodes, active \
             shards, …): fix allocation (node attributes, disk watermarks, replicas), or move the index on with \
             POST _ilm/move/<index>"
        };
        push(
            FindingCode::IlmStepStuck,
            Severity::Warn,
            &affected,
            format!(
                "{} waiting at {at}, the longest ({}) for {} days{}",
                quote_names(&names(&affected)),
                longest.index.name(),
                (now_millis - since) / DAY_MILLIS,
                says.unwrap_or_default()
            ),
            action.into(),
        );
    }

    let unmanaged: Vec<_> =
        owned.iter().copied().filter(|m| m.index.policy.is_none() && !m.index.data_stream_lifecycle).collect();
    push(
        FindingCode::UnmanagedIndex,
        Severity::Warn,
        &unmanaged,
        format!(
            "{} without an ILM policy: nothing will ever delete {}",
            quote_names(&names(&unmanaged)),
            if unmanaged.len() == 1 { "it" } else { "them" }
        ),
        "attach a policy (index.lifecycle.name, via the index template for new indices) or delete what is not needed"
            .into(),
    );

    let mut missing: BTreeMap<&str, Vec<&FamilyMember<IndexView>>> = BTreeMap::new();
    for m in members {
        if let Some(p) = m.index.policy.filter(|p| !snapshot.policies.contains_key(*p)) {
            missing.entry(p).or_default().push(m);
        }
    }
    for (policy, affected) in missing {
        push(
            FindingCode::PolicyMissing,
            Severity::Error,
            &affected,
            format!(
                "{} use{} policy [{policy}], which does not exist: ILM does nothing with {}",
                quote_names(&names(&affected)),
                if affected.len() == 1 { "s" } else { "" },
                if affected.len() == 1 { "it" } else { "them" }
            ),
            format!("create policy [{policy}] (esops apply) or point index.lifecycle.name at an existing one"),
        );
    }

    let mut late: Vec<(&FamilyMember<IndexView>, i64)> = members
        .iter()
        .filter_map(|m| Some((*m, deletion_millis(&m.index, &snapshot.policies)?)))
        .filter(|(_, at)| *at < now_millis - RETENTION_GRACE_MILLIS)
        .collect();
    late.sort_by_key(|(_, at)| *at);
    // ILM and the data stream lifecycle are late for different reasons: one finding each.
    let (ilm_late, dsl_late): (Vec<_>, Vec<_>) = late.into_iter().partition(|(m, _)| m.index.policy.is_some());
    if let Some((oldest, at)) = ilm_late.first() {
        let affected: Vec<_> = ilm_late.iter().map(|(m, _)| *m).collect();
        let e = oldest.index.explain;
        let position = |f: Option<&String>| f.cloned().unwrap_or_else(|| "?".into());
        push(
            FindingCode::PastRetention,
            Severity::Warn,
            &affected,
            format!(
                "{} past the delete age of policy [{}]; the oldest, {}, is {} days late and at {}/{}/{}",
                plural(affected.len(), "index is", "indices are"),
                oldest.index.policy.unwrap_or("?"),
                oldest.index.name(),
                (now_millis - at) / DAY_MILLIS,
                position(e.and_then(|e| e.phase.as_ref())),
                position(e.and_then(|e| e.action.as_ref())),
                position(e.and_then(|e| e.step.as_ref())),
            ),
            "ILM does not skip steps: find the stuck step (GET <index>/_ilm/explain), fix it, or delete by hand \
             (esops retention)"
                .into(),
        );
    }
    if let Some((oldest, at)) = dsl_late.first() {
        let affected: Vec<_> = dsl_late.iter().map(|(m, _)| *m).collect();
        push(
            FindingCode::PastRetention,
            Severity::Warn,
            &affected,
            format!(
                "{} past the retention of {} data stream lifecycle{}; the oldest, {}, is {} days late",
                plural(affected.len(), "index is", "indices are"),
                if affected.len() == 1 { "its" } else { "their" },
                oldest
                    .index
                    .dsl_retention_millis
                    .map(|r| format!(" ({})", crate::render::human_age(r.unsigned_abs())))
                    .unwrap_or_default(),
                oldest.index.name(),
                (now_millis - at) / DAY_MILLIS,
            ),
            "the lifecycle deletes at its next run (data_streams.lifecycle.poll_interval, 5m by default): \
             GET <index>/_lifecycle/explain shows its error; esops retention --include-managed deletes by hand"
                .into(),
        );
    }

    let date_named_rollover: Vec<_> = members
        .iter()
        .copied()
        .filter(|m| {
            !m.key.data_stream_backing
                && m.key.generation.is_none()
                && m.key.date != NameDate::None
                && m.index.policy.and_then(|p| snapshot.policies.get(p)).is_some_and(IlmPolicy::rolls_over)
        })
        .collect();
    push(
        FindingCode::RolloverOnDateNamed,
        Severity::Warn,
        &date_named_rollover,
        format!(
            "{} carr{} a date in the name but policy [{}] rolls over: no rollover alias can point at date-named indices, so ILM stops in ERROR",
            quote_names(&names(&date_named_rollover)),
            if date_named_rollover.len() == 1 { "ies" } else { "y" },
            date_named_rollover.first().and_then(|m| m.index.policy).unwrap_or("?")
        ),
        "use a policy without rollover for daily indices, or switch the family to a data stream".into(),
    );

    // Sizing is judged on complete indices: the one being written grows all day.
    let complete: Vec<_> = owned
        .iter()
        .copied()
        .filter(|m| !m.index.is_write && family.newest().map(|n| n.index.name()) != Some(m.index.name()))
        .collect();
    let primaries: u64 = complete.iter().map(|m| u64::from(m.index.cat.primaries.max(1))).sum();
    if complete.len() >= 2 && primaries > 0 {
        let average = complete.iter().map(|m| m.index.primary_store()).sum::<u64>() / primaries;
        if average < SMALL_SHARD_BYTES {
            push(
                FindingCode::ShardTooSmall,
                Severity::Info,
                &complete,
                format!(
                    "average primary shard is {} over {} (guidance: 10-50 GB): many small shards cost heap and slow searches",
                    crate::render::human_bytes(average),
                    plural(complete.len(), "index", "indices")
                ),
                "fewer primaries per index, monthly instead of daily indices, or rollover on max_primary_shard_size"
                    .into(),
            );
        }
    }
    let per_shard = |m: &FamilyMember<IndexView>, v: u64| v / u64::from(m.index.cat.primaries.max(1));
    let large: Vec<_> =
        owned.iter().copied().filter(|m| per_shard(m, m.index.primary_store()) > LARGE_SHARD_BYTES).collect();
    push(
        FindingCode::ShardTooLarge,
        Severity::Warn,
        &large,
        format!(
            "{} {} primary shards over 50 GiB (largest {} per shard): slow recovery and relocation",
            quote_names(&names(&large)),
            if large.len() == 1 { "has" } else { "have" },
            crate::render::human_bytes(large.iter().map(|m| per_shard(m, m.index.primary_store())).max().unwrap_or(0))
        ),
        "more primary shards, or roll over at max_primary_shard_size: 50gb".into(),
    );
    let many_docs: Vec<_> =
        owned.iter().copied().filter(|m| per_shard(m, m.index.cat.docs.unwrap_or(0)) > MAX_DOCS_PER_SHARD).collect();
    push(
        FindingCode::ShardTooManyDocs,
        Severity::Warn,
        &many_docs,
        format!("{} over 200M documents per primary shard (the per-shard guidance)", quote_names(&names(&many_docs))),
        "more primary shards, or roll over at max_primary_shard_docs: 200000000".into(),
    );

    let unparsable: Vec<_> =
        members.iter().copied().filter(|m| matches!(m.key.date, NameDate::Unparsable(_))).collect();
    push(
        FindingCode::UnparsableDate,
        Severity::Warn,
        &unparsable,
        format!(
            "{} {} a date that is not a valid calendar date: age-based retention by name cannot judge {}",
            quote_names(&names(&unparsable)),
            if unparsable.len() == 1 { "carries" } else { "carry" },
            if unparsable.len() == 1 { "it" } else { "them" }
        ),
        "find the shipper writing these names (a custom index => pattern?) and reindex or delete them by hand".into(),
    );
    let future: Vec<_> = members.iter().copied().filter(|m| m.key.date.is_future(now)).collect();
    push(
        FindingCode::FutureDate,
        Severity::Warn,
        &future,
        format!("{} named for a day after today (UTC {})", quote_names(&names(&future)), now.date_naive()),
        "check the shipper's clock and time zone: index names should use the UTC date of the event".into(),
    );
    let empty: Vec<_> = owned
        .iter()
        .copied()
        .filter(|m| {
            m.index.cat.docs == Some(0)
                && !m.index.is_write
                && m.index.cat.creation_millis.is_some_and(|c| now_millis - c >= EMPTY_MIN_AGE_MILLIS)
        })
        .collect();
    push(
        FindingCode::EmptyIndex,
        Severity::Info,
        &empty,
        format!(
            "{} {} no documents and {} older than a day: shards for nothing",
            quote_names(&names(&empty)),
            if empty.len() == 1 { "holds" } else { "hold" },
            if empty.len() == 1 { "is" } else { "are" }
        ),
        "delete it if nothing writes there any more".into(),
    );
}

/// `policy-without-delete`, once per policy in use.
fn policy_findings(
    findings: &mut Vec<Finding>,
    users: &BTreeMap<&str, Vec<&str>>,
    policies: &BTreeMap<String, IlmPolicy>,
) {
    for (name, indices) in users {
        let Some(policy) = policies.get(*name) else { continue };
        if policy.delete_after_millis().is_some() {
            continue;
        }
        let why = if policy.phases.contains_key("delete") {
            "has a delete phase without a delete action"
        } else {
            "has no delete phase"
        };
        findings.push(Finding {
            code: FindingCode::PolicyWithoutDelete,
            severity: Severity::Warn,
            subject: (*name).to_string(),
            indices: indices.iter().map(|s| s.to_string()).collect(),
            evidence: format!(
                "policy [{name}] {why}: the {} using it {} forever",
                plural(indices.len(), "index", "indices"),
                if indices.len() == 1 { "grows" } else { "grow" }
            ),
            action: "add a delete phase with a delete action (e.g. delete: {min_age: 90d, actions: {delete: {}}})"
                .into(),
        });
    }
}

/// A watermark as used bytes on a disk of `total` bytes: percentages and ratios of the disk, or
/// an absolute value meaning the free space left.
fn watermark_bytes(setting: &str, total: u64) -> Option<u64> {
    let s = setting.trim();
    if let Some(percent) = s.strip_suffix('%') {
        let p: f64 = percent.trim().parse().ok()?;
        return Some((total as f64 * p / 100.0) as u64);
    }
    if let Ok(ratio) = s.parse::<f64>() {
        return Some((total as f64 * ratio) as u64);
    }
    // ES's byte size grammar, shared with the sandbox that emulates it.
    let free = es_syntax::units::parse_bytes(s).ok()?;
    Some(total.saturating_sub(free))
}

fn watermark_setting(w: &crate::es::cluster_state::WatermarkSettings, level: WatermarkLevel) -> &str {
    match level {
        WatermarkLevel::Low => &w.low,
        WatermarkLevel::High => &w.high,
        WatermarkLevel::FloodStage => &w.flood_stage,
    }
}

fn node_reports(snapshot: &ClusterSnapshot) -> Vec<NodeReport> {
    let w = &snapshot.watermarks;
    snapshot
        .nodes
        .iter()
        .filter_map(|n| {
            let (used, total) = (n.used_bytes?, n.total_bytes?);
            let at = |setting: &str| watermark_bytes(setting, total).unwrap_or(total);
            let (low, high, flood) = (at(&w.low), at(&w.high), at(&w.flood_stage));
            let level = [(flood, WatermarkLevel::FloodStage), (high, WatermarkLevel::High), (low, WatermarkLevel::Low)]
                .into_iter()
                .find(|(threshold, _)| w.enabled && used >= *threshold)
                .map(|(_, level)| level);
            Some(NodeReport {
                node: n.node.clone(),
                shards: n.shards,
                used_bytes: used,
                total_bytes: total,
                percent: if total == 0 { 0.0 } else { used as f64 * 100.0 / total as f64 },
                low_bytes: low,
                high_bytes: high,
                flood_stage_bytes: flood,
                level,
            })
        })
        .collect()
}

/// Warn from this share of the shard limit: a few weeks of daily indices before new ones fail.
const SHARD_LIMIT_WARN: f64 = 0.8;

/// Open shard copies against the limit, as ES's `ShardLimitValidator` counts them: primaries × (1 +
/// replicas) of every open index, assigned or not.
fn shard_capacity(snapshot: &ClusterSnapshot) -> Option<ShardCapacity> {
    let max_shards_per_node = snapshot.max_shards_per_node?;
    let data_nodes = snapshot.nodes.len() as u64;
    if data_nodes == 0 {
        return None;
    }
    let open = snapshot
        .indices
        .iter()
        .filter(|i| i.status == "open")
        .map(|i| u64::from(i.primaries) * (1 + u64::from(i.replicas)))
        .sum();
    Some(ShardCapacity { open, limit: max_shards_per_node * data_nodes, max_shards_per_node, data_nodes })
}

fn shard_limit_finding(capacity: ShardCapacity) -> Option<Finding> {
    let used = capacity.used();
    if used < SHARD_LIMIT_WARN {
        return None;
    }
    let full = capacity.open >= capacity.limit;
    Some(Finding {
        code: FindingCode::ShardLimit,
        severity: if full { Severity::Error } else { Severity::Warn },
        subject: "cluster".into(),
        indices: Vec::new(),
        evidence: format!(
            "{} of {} shards open ({:.0}%: cluster.max_shards_per_node {} × {} data node{}){}",
            capacity.open,
            capacity.limit,
            used * 100.0,
            capacity.max_shards_per_node,
            capacity.data_nodes,
            if capacity.data_nodes == 1 { "" } else { "s" },
            if full {
                ": Elasticsearch refuses every new index — tomorrow's daily indices, rollovers (ILM goes to \
                 ERROR) and data stream generations"
            } else {
                ": new indices are refused once it is reached"
            }
        ),
        action: "delete indices past retention (esops retention), fewer shards per daily index (1 primary \
                 for small ones, monthly indices, rollover on max_primary_shard_size), or add data nodes; \
                 raising cluster.max_shards_per_node only buys time"
            .into(),
    })
}

/// How long ILM may sit in a waiting step before the audit calls it stuck: a day for the `check-*`
/// and `wait-for-*` steps (allocation, active shards, shard history leases…, which take minutes
/// when nothing is wrong), and the rollover's `max_age` plus a day for `check-rollover-ready`
/// (which waits for the conditions by design: only a past `max_age` says something is wrong).
fn stuck_after_millis(step: &str, policy: Option<&IlmPolicy>, phase: &str) -> Option<i64> {
    match step {
        "check-rollover-ready" => {
            policy?.phases.get(phase)?.rollover_max_age_millis.map(|max_age| max_age + DAY_MILLIS)
        }
        s if s.starts_with("check-") || s.starts_with("wait-for-") => Some(DAY_MILLIS),
        _ => None,
    }
}

/// The usual fix for the ILM failures operators meet most, recognised by Elasticsearch's reason.
pub(super) fn ilm_error_fix(reason: &str) -> Option<&'static str> {
    const FIXES: &[(&[&str], &str)] = &[
        (
            &["index.lifecycle.rollover_alias]", "is empty or not defined"],
            "give the index its rollover alias (index.lifecycle.rollover_alias in the index template, and the \
             first index NAME-000001 created with that alias as is_write_index), or remove the rollover action \
             from the policy of date-named daily indices",
        ),
        (
            &["does not point to index"],
            "point the rollover alias at the index as its write index (POST _aliases, is_write_index: true), or \
             set index.lifecycle.rollover_alias to the alias that does",
        ),
        (
            &["is not the write index for alias"],
            "make the index the alias's write index (is_write_index: true), or, if it is done being written, \
             set index.lifecycle.indexing_complete: true on it",
        ),
        (
            &["does not match pattern '^.*-\\d+$'"],
            "rollover needs index names ending in a number (NAME-000001): reindex behind the alias into such a \
             name, or use a data stream",
        ),
        (
            &["can point to multiple indices, found duplicated alias"],
            "remove the rollover alias from the index template: only the first index carries it",
        ),
        (&["maximum normal shards open"], "free shards first (the cluster is at its shard limit: see shard-limit)"),
        (&["read-only-allow-delete"], "free disk first (the index is blocked at the flood stage: see disk-watermark)"),
    ];
    FIXES.iter().find(|(needles, _)| needles.iter().all(|n| reason.contains(n))).map(|(_, fix)| *fix)
}
