//! Authentication and a sliver of authorization, shaped like ES's security layer.
//!
//! When users or API keys are configured, every non-`/_sandbox` request must carry
//! `Authorization: Basic …` or `Authorization: ApiKey base64(id:key)`. Failures answer 401
//! `security_exception` with the `WWW-Authenticate` challenges ES sends; a read-only user (ES's
//! `viewer` role) asking for an action its role does not grant gets ES's 403 wording.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

use super::error::EsError;
use super::http::SandboxRequest;

/// The challenges ES's default realms answer a 401 with, in ES's order.
const CHALLENGES: [&str; 3] = ["Basic realm=\"security\", charset=\"UTF-8\"", "Bearer realm=\"security\"", "ApiKey"];

/// What a user may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Everything (ES's `superuser`).
    Superuser,
    /// Reads documents and index metadata, nothing else (ES's built-in `viewer`: see `authorize`).
    Viewer,
}

impl Role {
    fn name(self) -> &'static str {
        match self {
            Role::Superuser => "superuser",
            Role::Viewer => "viewer",
        }
    }
}

/// One configured user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SandboxUser {
    /// User name.
    pub name: String,
    /// Password.
    pub password: String,
    /// Role.
    pub role: Role,
}

impl SandboxUser {
    /// Builds a user from the `(name, password)` pair of [`super::SandboxConfig::users`]; a password
    /// ending in `:readonly` makes a viewer (so `("ro", "pw:readonly")` logs in with password `pw`).
    pub fn from_pair(name: &str, password: &str) -> Self {
        match password.strip_suffix(":readonly") {
            Some(pw) => SandboxUser { name: name.to_string(), password: pw.to_string(), role: Role::Viewer },
            None => SandboxUser { name: name.to_string(), password: password.to_string(), role: Role::Superuser },
        }
    }
}

/// Who made a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principal {
    /// User name, or the API key id.
    pub name: String,
    /// Role.
    pub role: Role,
    /// Authenticated with an API key rather than a password.
    pub api_key: bool,
}

impl Principal {
    /// The body of `GET /_security/_authenticate` for this principal.
    pub fn authenticate_body(&self) -> serde_json::Value {
        let realm = if self.api_key {
            serde_json::json!({"name": "_es_api_key", "type": "_es_api_key"})
        } else {
            serde_json::json!({"name": "default_native", "type": "native"})
        };
        let mut body = serde_json::json!({
            "username": self.name,
            "roles": [self.role.name()],
            "full_name": null,
            "email": null,
            "metadata": {},
            "enabled": true,
            "authentication_realm": realm,
            "lookup_realm": realm,
            "authentication_type": if self.api_key { "api_key" } else { "realm" },
        });
        if self.api_key {
            body["roles"] = serde_json::json!([]);
            body["api_key"] = serde_json::json!({"id": self.name, "name": null});
        }
        body
    }
}

/// The configured credentials. Empty means security is off and every request is a superuser's.
#[derive(Debug, Clone, Default)]
pub struct Realm {
    users: Vec<SandboxUser>,
    api_keys: Vec<(String, String)>,
}

impl Realm {
    /// A realm with these users (`(name, password)` pairs, see [`SandboxUser::from_pair`]) and API keys (`(id, key)`).
    pub fn new(users: &[(String, String)], api_keys: &[(String, String)]) -> Self {
        Realm { users: users.iter().map(|(n, p)| SandboxUser::from_pair(n, p)).collect(), api_keys: api_keys.to_vec() }
    }

    /// True when no credentials are configured.
    pub fn is_open(&self) -> bool {
        self.users.is_empty() && self.api_keys.is_empty()
    }

    /// Authenticates a request. `uri` is the path with its query string, as ES quotes it.
    pub fn authenticate(&self, req: &SandboxRequest, uri: &str) -> Result<Principal, EsError> {
        if self.is_open() {
            return Ok(Principal { name: "_anonymous".to_string(), role: Role::Superuser, api_key: false });
        }
        let Some(header) = req.headers.get("authorization") else {
            return Err(unauthenticated(format!("missing authentication credentials for REST request [{uri}]")));
        };
        let (scheme, credentials) = header.split_once(' ').unwrap_or((header.as_str(), ""));
        let decoded = STANDARD.decode(credentials.trim()).ok().and_then(|b| String::from_utf8(b).ok());
        match scheme.to_ascii_lowercase().as_str() {
            "basic" => {
                let Some((name, password)) = decoded.as_deref().and_then(|d| d.split_once(':')) else {
                    return Err(unauthenticated(format!(
                        "missing authentication credentials for REST request [{uri}]"
                    )));
                };
                self.users
                    .iter()
                    .find(|u| u.name == name && u.password == password)
                    .map(|u| Principal { name: u.name.clone(), role: u.role, api_key: false })
                    .ok_or_else(|| {
                        unauthenticated(format!("unable to authenticate user [{name}] for REST request [{uri}]"))
                    })
            }
            "apikey" => {
                let matched = decoded
                    .as_deref()
                    .and_then(|d| d.split_once(':'))
                    .and_then(|(id, key)| self.api_keys.iter().find(|(i, k)| i == id && k == key));
                match matched {
                    Some((id, _)) => Ok(Principal { name: id.clone(), role: Role::Superuser, api_key: true }),
                    None => Err(unauthenticated(
                        "unable to authenticate with provided credentials and anonymous access is not allowed for this request"
                            .to_string(),
                    )
                    .with("additional_unsuccessful_credentials", "API key: invalid API Key credentials")),
                }
            }
            _ => Err(unauthenticated(
                "unable to authenticate with provided credentials and anonymous access is not allowed for this request"
                    .to_string(),
            )),
        }
    }
}

fn unauthenticated(reason: String) -> EsError {
    CHALLENGES
        .iter()
        .fold(EsError::new(401, "security_exception", reason), |e, c| e.with_header("WWW-Authenticate", *c))
}

/// What ES's built-in `viewer` role grants (`ReservedRolesStore.buildViewerRoleDescriptor`): no
/// cluster privilege at all, and `read` and `view_index_metadata` on every index except those
/// starting with `.` or `ilm-history-`. Decided by action, as ES authorizes, not by HTTP method:
/// a search by POST is a read, and `GET /_cluster/settings` needs the `monitor` it lacks.
fn viewer_may(action: &str, indices: Option<&str>) -> bool {
    // `view_index_metadata` (`IndexPrivilege.VIEW_METADATA_AUTOMATON`): reads of index metadata.
    const VIEW_INDEX_METADATA: [&str; 8] = [
        "indices:admin/aliases/get",
        "indices:admin/get",
        "indices:admin/mappings/get",
        "indices:admin/mappings/fields/get",
        "indices:monitor/settings/get",
        "indices:admin/ilm/explain",
        "indices:admin/data_stream/get",
        "indices:admin/resolve/index",
    ];
    let granted = action.starts_with("indices:data/read/") || VIEW_INDEX_METADATA.contains(&action);
    // Explicit names outside the role's pattern are refused; wildcards resolve to what the role
    // may see, as ES resolves them for the user.
    let names_allowed = super::expression::split_list(indices)
        .iter()
        .all(|i| i.contains('*') || !(i.starts_with('.') || i.starts_with("ilm-history-")));
    granted && names_allowed
}

/// Whether `action` is authorized against index privileges (it names indices) rather than cluster
/// privileges. Template APIs are named `indices:admin/…` but are cluster actions in ES.
fn is_index_action(action: &str) -> bool {
    action.starts_with("indices:") && !action.contains("template/")
}

/// Authorizes a request by its ES action name (`indices:admin/delete`,
/// `cluster:monitor/settings`), with ES's 403 when the principal's role does not grant it.
/// `indices` is what the request names.
pub fn authorize(principal: &Principal, action: &str, indices: Option<&str>) -> Result<(), EsError> {
    // Every authenticated user may ask who they are.
    if principal.role == Role::Superuser || action == "cluster:admin/xpack/security/user/authenticate" {
        return Ok(());
    }
    let index_action = is_index_action(action);
    if index_action && viewer_may(action, indices) {
        return Ok(());
    }
    let privileges = granting_privileges(action);
    let (kind, on) = match indices {
        Some(i) if index_action => ("index", format!(" on indices [{i}]")),
        _ if index_action => ("index", String::new()),
        _ => ("cluster", String::new()),
    };
    Err(EsError::new(
        403,
        "security_exception",
        format!(
            "action [{action}] is unauthorized for user [{}] with effective roles [{}]{on}, this action is granted by the {kind} privileges [{privileges}]",
            principal.name,
            principal.role.name()
        ),
    ))
}

/// The privileges ES names as granting an action (`IndexPrivilege.findPrivilegesThatGrant`,
/// `ClusterPrivilegeResolver.findPrivilegesThatGrant`), least privileged first, for the actions
/// the sandbox serves.
fn granting_privileges(action: &str) -> &'static str {
    match action {
        "indices:admin/delete" | "indices:admin/data_stream/delete" => "delete_index,manage,all",
        "indices:admin/create" | "indices:admin/data_stream/create" => "create_index,manage,all",
        "indices:admin/rollover" => "manage_follow_index,manage,all",
        a if a.starts_with("indices:data/write") => "create_doc,create,index,write,all",
        a if a.starts_with("indices:data/read") => "read,all",
        a if a.starts_with("indices:monitor/settings") || a.starts_with("indices:admin/aliases/get") => {
            "view_index_metadata,manage,all"
        }
        a if a.starts_with("indices:monitor") => "monitor,manage,all",
        a if a.contains("template") => "manage_index_templates,manage,all",
        a if a.starts_with("indices:") => "manage,all",
        a if a.starts_with("cluster:monitor") => "monitor,manage,all",
        "cluster:admin/ilm/get" | "cluster:admin/ilm/operation_mode/get" => "read_ilm,manage_ilm,manage,all",
        a if a.starts_with("cluster:admin/ilm") => "manage_ilm,manage,all",
        "cluster:admin/ingest/pipeline/get" => "read_pipeline,manage_ingest_pipelines,manage,all",
        a if a.starts_with("cluster:admin/ingest") => "manage_ingest_pipelines,manage,all",
        _ => "manage,all",
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::http::Method;

    fn request(auth: Option<&str>) -> SandboxRequest {
        let mut headers = BTreeMap::new();
        if let Some(a) = auth {
            headers.insert("authorization".to_string(), a.to_string());
        }
        SandboxRequest {
            method: Method::Get,
            path: "/".into(),
            segments: vec![],
            query: BTreeMap::new(),
            headers,
            body: vec![],
        }
    }

    fn realm() -> Realm {
        Realm::new(
            &[("elastic".into(), "changeme".into()), ("ro".into(), "pw:readonly".into())],
            &[("kid".into(), "ksecret".into())],
        )
    }

    #[test]
    fn missing_and_wrong_credentials_are_401_with_challenges() {
        let e = realm().authenticate(&request(None), "/_cat/indices?v").unwrap_err();
        assert_eq!(e.status, 401);
        assert_eq!(e.reason, "missing authentication credentials for REST request [/_cat/indices?v]");
        assert_eq!(e.headers.len(), 3);
        let body = e.to_body();
        assert_eq!(body["error"]["header"]["WWW-Authenticate"][2], "ApiKey");
        let bad = format!("Basic {}", STANDARD.encode("elastic:nope"));
        let e = realm().authenticate(&request(Some(&bad)), "/").unwrap_err();
        assert_eq!(e.reason, "unable to authenticate user [elastic] for REST request [/]");
        let bad_key = format!("ApiKey {}", STANDARD.encode("kid:wrong"));
        assert!(
            realm()
                .authenticate(&request(Some(&bad_key)), "/")
                .unwrap_err()
                .reason
                .starts_with("unable to authenticate with")
        );
    }

    #[test]
    fn good_credentials_and_viewer_restrictions() {
        let ok = format!("Basic {}", STANDARD.encode("elastic:changeme"));
        assert_eq!(realm().authenticate(&request(Some(&ok)), "/").unwrap().role, Role::Superuser);
        let key = format!("ApiKey {}", STANDARD.encode("kid:ksecret"));
        assert_eq!(realm().authenticate(&request(Some(&key)), "/").unwrap().name, "kid");
        let ro = format!("Basic {}", STANDARD.encode("ro:pw"));
        let viewer = realm().authenticate(&request(Some(&ro)), "/").unwrap();
        let e = authorize(&viewer, "indices:admin/delete", Some("logs")).unwrap_err();
        assert_eq!(e.status, 403);
        assert_eq!(
            e.reason,
            "action [indices:admin/delete] is unauthorized for user [ro] with effective roles [viewer] on indices [logs], this action is granted by the index privileges [delete_index,manage,all]"
        );
    }

    #[test]
    fn the_viewer_role_is_decided_by_action_not_method() {
        let viewer = Principal { name: "ro".into(), role: Role::Viewer, api_key: false };
        for (action, indices) in [
            ("indices:data/read/search", Some("logs-*")),
            ("indices:data/read/search", None),
            ("indices:admin/get", Some("logs")),
            ("indices:monitor/settings/get", Some("logs")),
            ("indices:admin/ilm/explain", Some("logs")),
            ("cluster:admin/xpack/security/user/authenticate", None),
        ] {
            assert!(authorize(&viewer, action, indices).is_ok(), "{action} on {indices:?}");
        }
        let e = authorize(&viewer, "cluster:monitor/settings", None).unwrap_err();
        assert_eq!(
            e.reason,
            "action [cluster:monitor/settings] is unauthorized for user [ro] with effective roles [viewer], this action is granted by the cluster privileges [monitor,manage,all]"
        );
        let e = authorize(&viewer, "indices:monitor/stats", Some("logs")).unwrap_err();
        assert!(
            e.reason
                .ends_with("on indices [logs], this action is granted by the index privileges [monitor,manage,all]")
        );
        let e = authorize(&viewer, "indices:data/read/search", Some(".kibana")).unwrap_err();
        assert!(e.reason.ends_with("this action is granted by the index privileges [read,all]"), "{}", e.reason);
        let e = authorize(&viewer, "indices:admin/index_template/get", None).unwrap_err();
        assert!(e.reason.contains("granted by the cluster privileges [manage_index_templates,manage,all]"));
    }
}
