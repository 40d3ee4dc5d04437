//! AWS SigV4 signing, end to end against a sandbox that checks signatures as Amazon OpenSearch
//! Service (`es`) and OpenSearch Serverless (`aoss`) do, with credentials from the AWS SDK's chain
//! (environment variables, a profile with `credential_process`, web identity through STS, the
//! instance metadata service, SSO's cached token through the portal — the last three against
//! fake endpoints on loopback). Sandbox-only. Every run either disables the instance metadata
//! service or points it at loopback, so that nothing here ever leaves the machine.

use es_sandbox::SandboxConfig;
use es_sandbox::sigv4::{AwsKey, AwsSigV4};

use crate::common::{Esops, TestCluster, esops, write_file};

const KEY_ID: &str = "AKIAESOPSTEST0000001";
const SECRET: &str = "esops-test-secret-Zq81/aws+key";
const TEMP_KEY_ID: &str = "ASIAESOPSTEST0000002";
const TEMP_SECRET: &str = "esops-temp-secret";
const TOKEN: &str = "esops-session-token";
const EXPIRED_KEY_ID: &str = "ASIAESOPSTEST0000003";
/// What the fake STS, IMDS and SSO portal hand out: temporary keys the sandbox knows.
const WEB_KEY_ID: &str = "ASIAESOPSWEBIDENT004";
const IMDS_KEY_ID: &str = "ASIAESOPSINSTANCE005";
const SSO_KEY_ID: &str = "ASIAESOPSSSOROLE0006";
const CHAIN_SECRET: &str = "esops-chain-secret/from+a-fake";
const CHAIN_TOKEN: &str = "esops-chain-session-token";

fn domain(service: &str) -> TestCluster {
    let key = |id: &str, secret: &str, token: Option<&str>, expired| AwsKey {
        access_key_id: id.into(),
        secret_access_key: secret.into(),
        session_token: token.map(str::to_string),
        expired,
    };
    TestCluster::sandbox(SandboxConfig {
        aws_sigv4: Some(AwsSigV4 {
            region: "eu-west-1".into(),
            service: service.into(),
            keys: vec![
                key(KEY_ID, SECRET, None, false),
                key(TEMP_KEY_ID, TEMP_SECRET, Some(TOKEN), false),
                key(EXPIRED_KEY_ID, TEMP_SECRET, Some(TOKEN), true),
                key(WEB_KEY_ID, CHAIN_SECRET, Some(CHAIN_TOKEN), false),
                key(IMDS_KEY_ID, CHAIN_SECRET, Some(CHAIN_TOKEN), false),
                key(SSO_KEY_ID, CHAIN_SECRET, Some(CHAIN_TOKEN), false),
            ],
        }),
        ..SandboxConfig::default()
    })
}

/// `esops` against `cluster` with no instance metadata service and the given AWS keys.
fn aws(cluster: &TestCluster, key_id: &str, secret: &str) -> Esops {
    esops()
        .against(cluster)
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_ACCESS_KEY_ID", key_id)
        .env("AWS_SECRET_ACCESS_KEY", secret)
}

#[test]
fn signed_requests_reach_an_iam_domain_reads_and_writes() {
    let cluster = domain("es");
    esops()
        .against(&cluster)
        .args(["info"])
        .run()
        .failure()
        .stderr_has("403")
        .stderr_has("Authorization header requires")
        .stderr_has("--aws-sigv4");
    aws(&cluster, KEY_ID, SECRET)
        .args(["info", "--aws-sigv4", "--aws-region", "eu-west-1"])
        .run()
        .success()
        .nowhere(SECRET);
    // A write with a body, then reads with wildcards, commas and query strings (the audit).
    let dir = tempfile::tempdir().unwrap();
    write_file(dir.path(), "tree/p.yaml", "kind: ilm_policy\nname: signed-logs\nphases:\n  hot: 7d\n  delete: true\n");
    aws(&cluster, KEY_ID, SECRET)
        .env("ESOPS_AWS_SIGV4", "true")
        .env("AWS_REGION", "eu-west-1")
        .args(["apply", "--yes"])
        .args([dir.path().join("tree")])
        .run()
        .success();
    aws(&cluster, KEY_ID, SECRET)
        .args(["--aws-sigv4", "--aws-region", "eu-west-1", "audit", "-o", "json"])
        .run()
        .success();
    // Temporary credentials carry their session token.
    aws(&cluster, TEMP_KEY_ID, TEMP_SECRET)
        .env("AWS_SESSION_TOKEN", TOKEN)
        .args(["info", "--aws-sigv4", "--aws-region", "eu-west-1"])
        .run()
        .success()
        .nowhere(TOKEN);
}

#[test]
fn serverless_collections_are_signed_for_aoss_with_the_payload_hash() {
    let cluster = domain("aoss");
    aws(&cluster, KEY_ID, SECRET)
        .args(["info", "--aws-sigv4", "--aws-region", "eu-west-1"])
        .run()
        .failure()
        .stderr_has("Credential should be scoped to correct service: 'aoss'")
        .stderr_has("--aws-service es (OpenSearch Service)");
    aws(&cluster, KEY_ID, SECRET)
        .args(["info", "--aws-sigv4", "--aws-region", "eu-west-1", "--aws-service", "aoss"])
        .run()
        .success();
}

#[test]
fn a_wrong_secret_an_unknown_key_and_an_expired_session_say_what_to_do() {
    let cluster = domain("es");
    let flags = ["info", "--aws-sigv4", "--aws-region", "eu-west-1"];
    aws(&cluster, KEY_ID, "not-the-secret")
        .args(flags)
        .run()
        .failure()
        .stderr_has("The request signature we calculated does not match")
        .stderr_has("check the secret access key");
    aws(&cluster, "AKIAUNKNOWN000000000", SECRET)
        .args(flags)
        .run()
        .failure()
        .stderr_has("The security token included in the request is invalid")
        .stderr_has("AWS does not know this access key");
    aws(&cluster, EXPIRED_KEY_ID, TEMP_SECRET)
        .env("AWS_SESSION_TOKEN", TOKEN)
        .args(flags)
        .run()
        .failure()
        .stderr_has("The security token included in the request is expired")
        .stderr_has("refresh them");
}

#[test]
fn credentials_that_expired_before_sending_are_refused_here() {
    let cluster = domain("es");
    let dir = tempfile::tempdir().unwrap();
    let config = write_file(
        dir.path(),
        "aws-config",
        "[profile stale]\ncredential_process = sh -c 'printf \"{\\\"Version\\\": 1, \\\"AccessKeyId\\\": \\\"ASIASTALE\\\", \\\"SecretAccessKey\\\": \\\"x\\\", \\\"SessionToken\\\": \\\"t\\\", \\\"Expiration\\\": \\\"2020-01-01T00:00:00Z\\\"}\"'\n",
    );
    esops()
        .against(&cluster)
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_CONFIG_FILE", &config)
        .env("AWS_SHARED_CREDENTIALS_FILE", dir.path().join("none"))
        .args(["info", "--aws-sigv4", "--aws-region", "eu-west-1", "--aws-profile", "stale"])
        .run()
        .failure()
        .stderr_has("cannot sign the request for AWS: the AWS credentials expired at 2020-01-01 00:00:00 UTC")
        .stderr_has("aws sso login");
}

#[test]
fn no_credentials_and_no_region_are_clear_errors() {
    let cluster = domain("es");
    esops()
        .against(&cluster)
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .args(["info", "--aws-sigv4", "--aws-region", "eu-west-1"])
        .run()
        .failure()
        .stderr_has("cannot sign the request for AWS:")
        .stderr_has("AWS_ACCESS_KEY_ID");
    esops()
        .against(&cluster)
        .args(["info", "--aws-sigv4"])
        .run()
        .failure()
        .stderr_has("AWS SigV4 signing needs the domain's region");
    esops()
        .against(&cluster)
        .args(["info", "--aws-sigv4", "--aws-region", "eu-west-1", "--api-key", "id:key"])
        .run()
        .failure()
        .stderr_has("conflicting credentials");
    esops()
        .args(["--url", "https://search-logs-abc.eu-central-1.es.amazonaws.com", "--aws-sigv4", "context", "show"])
        .run()
        .success()
        .stdout_has("AWS SigV4, service es, region eu-central-1");
}

/// One request a fake AWS endpoint received.
#[derive(Debug, Clone)]
struct Received {
    method: String,
    path: String,
    /// Header names in lower case.
    headers: Vec<(String, String)>,
    body: String,
}

impl Received {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

/// What a fake endpoint answers: status, extra headers, body.
type Answer = (u16, Vec<(&'static str, String)>, String);

/// A fake AWS endpoint on loopback (STS, IMDS or the SSO portal), answering each request with
/// `answer` and keeping what it received. Its thread lives as long as the test process.
struct FakeEndpoint {
    url: String,
    received: std::sync::Arc<std::sync::Mutex<Vec<Received>>>,
}

impl FakeEndpoint {
    fn start(answer: impl Fn(&Received) -> Answer + Send + 'static) -> Self {
        use std::io::{BufRead, BufReader, Read, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let received = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let log = received.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut line = String::new();
                if reader.read_line(&mut line).is_err() {
                    continue;
                }
                let mut parts = line.split_whitespace();
                let (method, path) = (parts.next().unwrap_or("").to_string(), parts.next().unwrap_or("").to_string());
                let mut headers = Vec::new();
                loop {
                    let mut header = String::new();
                    if reader.read_line(&mut header).unwrap_or(0) == 0 || header.trim().is_empty() {
                        break;
                    }
                    if let Some((name, value)) = header.split_once(':') {
                        headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
                    }
                }
                let length = headers
                    .iter()
                    .find(|(n, _)| n == "content-length")
                    .and_then(|(_, v)| v.parse::<usize>().ok())
                    .unwrap_or(0);
                let mut body = vec![0; length];
                let _ = reader.read_exact(&mut body);
                let request = Received { method, path, headers, body: String::from_utf8_lossy(&body).into_owned() };
                let (status, extra, text) = answer(&request);
                log.lock().unwrap().push(request);
                let mut response =
                    format!("HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n", text.len());
                for (name, value) in extra {
                    response.push_str(&format!("{name}: {value}\r\n"));
                }
                response.push_str("\r\n");
                response.push_str(&text);
                let _ = stream.write_all(response.as_bytes());
            }
        });
        FakeEndpoint { url, received }
    }

    fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }
}

/// `esops info` signed for `cluster`, with no AWS setting from this machine: empty config and
/// credentials files, no keys in the environment, `HOME` in `dir`.
fn chain_only(cluster: &TestCluster, dir: &std::path::Path) -> Esops {
    esops()
        .against(cluster)
        .env("HOME", dir)
        .env("AWS_CONFIG_FILE", dir.join("no-config"))
        .env("AWS_SHARED_CREDENTIALS_FILE", dir.join("no-credentials"))
        .args(["info", "--aws-sigv4", "--aws-region", "eu-west-1"])
}

fn sts_credentials(key_id: &str) -> String {
    format!(
        "<AssumeRoleWithWebIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\
         <AssumeRoleWithWebIdentityResult><Credentials><AccessKeyId>{key_id}</AccessKeyId>\
         <SecretAccessKey>{CHAIN_SECRET}</SecretAccessKey><SessionToken>{CHAIN_TOKEN}</SessionToken>\
         <Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>\
         <SubjectFromWebIdentityToken>system:serviceaccount:logs:esops</SubjectFromWebIdentityToken>\
         <AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/esops-reader/esops</Arn>\
         <AssumedRoleId>AROAESOPS:esops</AssumedRoleId></AssumedRoleUser></AssumeRoleWithWebIdentityResult>\
         <ResponseMetadata><RequestId>esops-test</RequestId></ResponseMetadata></AssumeRoleWithWebIdentityResponse>"
    )
}

#[test]
fn web_identity_credentials_come_from_sts_with_the_token_file() {
    let cluster = domain("es");
    let dir = tempfile::tempdir().unwrap();
    let token = write_file(dir.path(), "token", "eyJ.esops-service-account-token.sig");
    let sts = FakeEndpoint::start(|request| {
        if request.body.contains("WebIdentityToken=eyJ.esops-service-account-token.sig") {
            (200, vec![("Content-Type", "text/xml".into())], sts_credentials(WEB_KEY_ID))
        } else {
            let error = "<ErrorResponse><Error><Type>Sender</Type><Code>InvalidIdentityToken</Code>\
                         <Message>Couldn't retrieve verification key from your identity provider</Message></Error>\
                         <RequestId>esops-test</RequestId></ErrorResponse>";
            (400, vec![("Content-Type", "text/xml".into())], error.into())
        }
    });
    let web_identity = |token_file: &std::path::Path| {
        chain_only(&cluster, dir.path())
            .env("AWS_EC2_METADATA_DISABLED", "true")
            .env("AWS_WEB_IDENTITY_TOKEN_FILE", token_file)
            .env("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/esops-reader")
            .env("AWS_ROLE_SESSION_NAME", "esops")
            .env("AWS_ENDPOINT_URL_STS", &sts.url)
            .run()
    };
    // The sandbox accepts the request only when it is signed with the key STS handed out.
    web_identity(&token).success().nowhere(CHAIN_SECRET);
    let asked = sts.received();
    assert_eq!(asked.len(), 1, "{asked:?}");
    assert_eq!(asked[0].method, "POST");
    assert!(asked[0].body.contains("Action=AssumeRoleWithWebIdentity"), "{}", asked[0].body);
    assert!(
        asked[0].body.contains("RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fesops-reader"),
        "{}",
        asked[0].body
    );
    // A token STS refuses: the SDK's reason, and nothing signed.
    let stale = write_file(dir.path(), "stale-token", "eyJ.revoked.sig");
    web_identity(&stale).failure().stderr_has("cannot sign the request for AWS:").stderr_has("InvalidIdentityToken");
}

#[test]
fn instance_metadata_credentials_come_from_imdsv2_with_a_session_token() {
    let cluster = domain("es");
    let dir = tempfile::tempdir().unwrap();
    const SESSION: &str = "esops-imds-session";
    let imds = FakeEndpoint::start(|request| {
        let with_session = request.header("x-aws-ec2-metadata-token") == Some(SESSION);
        match (request.method.as_str(), request.path.as_str()) {
            ("PUT", "/latest/api/token") => {
                (200, vec![("x-aws-ec2-metadata-token-ttl-seconds", "21600".into())], SESSION.into())
            }
            // IMDSv2 only: without the session token, 401 (as an instance with IMDSv1 off answers).
            _ if !with_session => (401, vec![], String::new()),
            ("GET", "/latest/meta-data/iam/security-credentials/") => (200, vec![], "esops-instance-role".into()),
            ("GET", "/latest/meta-data/iam/security-credentials/esops-instance-role") => (
                200,
                vec![],
                format!(
                    "{{\"Code\":\"Success\",\"LastUpdated\":\"2026-01-01T00:00:00Z\",\"Type\":\"AWS-HMAC\",\
                     \"AccessKeyId\":\"{IMDS_KEY_ID}\",\"SecretAccessKey\":\"{CHAIN_SECRET}\",\
                     \"Token\":\"{CHAIN_TOKEN}\",\"Expiration\":\"2099-01-01T00:00:00Z\"}}"
                ),
            ),
            _ => (404, vec![], String::new()),
        }
    });
    chain_only(&cluster, dir.path())
        .env("AWS_EC2_METADATA_SERVICE_ENDPOINT", &imds.url)
        .run()
        .success()
        .nowhere(CHAIN_SECRET);
    let paths: Vec<String> = imds.received().iter().map(|r| format!("{} {}", r.method, r.path)).collect();
    assert!(paths.starts_with(&["PUT /latest/api/token".to_string()]), "{paths:?}");
    assert!(
        paths.contains(&"GET /latest/meta-data/iam/security-credentials/esops-instance-role".to_string()),
        "{paths:?}"
    );
    // An instance without a role: the SDK says so, and nothing is signed.
    let no_role = FakeEndpoint::start(|request| match (request.method.as_str(), request.path.as_str()) {
        ("PUT", "/latest/api/token") => {
            (200, vec![("x-aws-ec2-metadata-token-ttl-seconds", "21600".into())], SESSION.into())
        }
        _ => (404, vec![], String::new()),
    });
    chain_only(&cluster, dir.path())
        .env("AWS_EC2_METADATA_SERVICE_ENDPOINT", &no_role.url)
        .run()
        .failure()
        .stderr_has("cannot sign the request for AWS:")
        .stderr_has(&format!("configured here: the default profile of {}", dir.path().join("no-config").display()))
        .stderr_has(&format!("the instance metadata service at {})", no_role.url));
}

#[test]
fn sso_credentials_come_from_the_portal_with_the_cached_token() {
    let cluster = domain("es");
    let dir = tempfile::tempdir().unwrap();
    const START_URL: &str = "https://esops-test.awsapps.com/start";
    const ACCESS_TOKEN: &str = "esops-sso-access-token";
    let config = write_file(
        dir.path(),
        "aws-config",
        &format!(
            "[profile sso-reader]\nsso_start_url = {START_URL}\nsso_region = eu-west-1\n\
             sso_account_id = 123456789012\nsso_role_name = esops-reader\n"
        ),
    );
    // `aws sso login` leaves the token in ~/.aws/sso/cache/<sha1 of the start URL>.json.
    let cache_name = sha1_hex(START_URL);
    write_file(
        dir.path(),
        &format!(".aws/sso/cache/{cache_name}.json"),
        &format!(
            "{{\"startUrl\": \"{START_URL}\", \"region\": \"eu-west-1\", \"accessToken\": \"{ACCESS_TOKEN}\", \
             \"expiresAt\": \"2099-01-01T00:00:00Z\"}}"
        ),
    );
    let portal = FakeEndpoint::start(|request| {
        if request.header("x-amz-sso_bearer_token") != Some(ACCESS_TOKEN) {
            let body = "{\"message\":\"Session token not found or invalid\"}";
            return (401, vec![("x-amzn-ErrorType", "UnauthorizedException".into())], body.into());
        }
        let body = format!(
            "{{\"roleCredentials\":{{\"accessKeyId\":\"{SSO_KEY_ID}\",\"secretAccessKey\":\"{CHAIN_SECRET}\",\
             \"sessionToken\":\"{CHAIN_TOKEN}\",\"expiration\":4070908800000}}}}"
        );
        (200, vec![("Content-Type", "application/json".into())], body)
    });
    let sso = || {
        chain_only(&cluster, dir.path())
            .env("AWS_CONFIG_FILE", &config)
            .env("AWS_EC2_METADATA_DISABLED", "true")
            .env("AWS_ENDPOINT_URL_SSO", &portal.url)
            .args(["--aws-profile", "sso-reader"])
            .run()
    };
    sso().success().nowhere(CHAIN_SECRET);
    let asked = portal.received();
    assert_eq!(asked.len(), 1, "{asked:?}");
    assert!(asked[0].path.starts_with("/federation/credentials?"), "{}", asked[0].path);
    assert!(asked[0].path.contains("role_name=esops-reader") && asked[0].path.contains("account_id=123456789012"));
    // A token the portal no longer accepts (signed out, or revoked): the SDK's reason.
    write_file(
        dir.path(),
        &format!(".aws/sso/cache/{cache_name}.json"),
        &format!(
            "{{\"startUrl\": \"{START_URL}\", \"region\": \"eu-west-1\", \"accessToken\": \"revoked\", \
             \"expiresAt\": \"2099-01-01T00:00:00Z\"}}"
        ),
    );
    sso()
        .failure()
        .stderr_has("cannot sign the request for AWS:")
        .stderr_has("UnauthorizedException")
        .stderr_has("configured here: profile sso-reader of ");
}

/// SHA-1 in hex, as the AWS CLI names SSO cache files.
fn sha1_hex(text: &str) -> String {
    let out = std::process::Command::new("sha1sum")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child.stdin.take().unwrap().write_all(text.as_bytes())?;
            child.wait_with_output()
        })
        .expect("sha1sum (coreutils)");
    String::from_utf8(out.stdout).unwrap().split_whitespace().next().unwrap().to_string()
}
