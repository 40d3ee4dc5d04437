//! AWS SigV4 signing, end to end against a sandbox that checks signatures as Amazon OpenSearch
//! Service (`es`) and OpenSearch Serverless (`aoss`) do, with credentials from the AWS SDK's chain
//! (environment variables, a profile with `credential_process`, web identity through STS, the
//! instance metadata service, SSO's cached token through the portal — the last three against
//! fake endpoints on loopback). Sandbox-only. Every run either disables the instance metadata
//! service or points it at loopback, so that nothing here ever leaves the machine.

use es_sandbox::SandboxConfig;
use es_sandbox::sigv4::{AwsKey, AwsSigV4};

use crate::common::hostile::{Hostile, Reply, Seen};
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

/// An IMDSv2 session token answer, with its lifetime header.
fn imds_session(token: &str) -> Reply {
    Reply::Send {
        status: 200,
        headers: vec![("x-aws-ec2-metadata-token-ttl-seconds".into(), "21600".into())],
        body: token.as_bytes().to_vec(),
    }
}

/// The requests a fake AWS endpoint received.
fn received(endpoint: &Hostile) -> Vec<Seen> {
    endpoint.state.lock().unwrap().seen.clone()
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
    let sts = Hostile::start(|request, _| {
        if request.body.contains("WebIdentityToken=eyJ.esops-service-account-token.sig") {
            Reply::raw(200, "text/xml", &sts_credentials(WEB_KEY_ID))
        } else {
            let error = "<ErrorResponse><Error><Type>Sender</Type><Code>InvalidIdentityToken</Code>\
                         <Message>Couldn't retrieve verification key from your identity provider</Message></Error>\
                         <RequestId>esops-test</RequestId></ErrorResponse>";
            Reply::raw(400, "text/xml", error)
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
    let asked = received(&sts);
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
    let imds = Hostile::start(|request, _| {
        let with_session = request.headers.get("x-aws-ec2-metadata-token").map(String::as_str) == Some(SESSION);
        match (request.method.as_str(), request.target.as_str()) {
            ("PUT", "/latest/api/token") => imds_session(SESSION),
            // IMDSv2 only: without the session token, 401 (as an instance with IMDSv1 off answers).
            _ if !with_session => Reply::raw(401, "text/plain", ""),
            ("GET", "/latest/meta-data/iam/security-credentials/") => {
                Reply::raw(200, "text/plain", "esops-instance-role")
            }
            ("GET", "/latest/meta-data/iam/security-credentials/esops-instance-role") => Reply::raw(
                200,
                "text/plain",
                &format!(
                    "{{\"Code\":\"Success\",\"LastUpdated\":\"2026-01-01T00:00:00Z\",\"Type\":\"AWS-HMAC\",\
                     \"AccessKeyId\":\"{IMDS_KEY_ID}\",\"SecretAccessKey\":\"{CHAIN_SECRET}\",\
                     \"Token\":\"{CHAIN_TOKEN}\",\"Expiration\":\"2099-01-01T00:00:00Z\"}}"
                ),
            ),
            _ => Reply::raw(404, "text/plain", ""),
        }
    });
    chain_only(&cluster, dir.path())
        .env("AWS_EC2_METADATA_SERVICE_ENDPOINT", &imds.url)
        .run()
        .success()
        .nowhere(CHAIN_SECRET);
    let paths = imds.seen();
    assert!(paths.starts_with(&["PUT /latest/api/token".to_string()]), "{paths:?}");
    assert!(
        paths.contains(&"GET /latest/meta-data/iam/security-credentials/esops-instance-role".to_string()),
        "{paths:?}"
    );
    // An instance without a role: the SDK says so, and nothing is signed.
    let no_role = Hostile::start(|request, _| match (request.method.as_str(), request.target.as_str()) {
        ("PUT", "/latest/api/token") => imds_session(SESSION),
        _ => Reply::raw(404, "text/plain", ""),
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
    let portal = Hostile::start(|request, _| {
        if request.headers.get("x-amz-sso_bearer_token").map(String::as_str) != Some(ACCESS_TOKEN) {
            return Reply::Send {
                status: 401,
                headers: vec![("x-amzn-ErrorType".into(), "UnauthorizedException".into())],
                body: b"{\"message\":\"Session token not found or invalid\"}".to_vec(),
            };
        }
        let body = format!(
            "{{\"roleCredentials\":{{\"accessKeyId\":\"{SSO_KEY_ID}\",\"secretAccessKey\":\"{CHAIN_SECRET}\",\
             \"sessionToken\":\"{CHAIN_TOKEN}\",\"expiration\":4070908800000}}}}"
        );
        Reply::raw(200, "application/json", &body)
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
    let asked = received(&portal);
    assert_eq!(asked.len(), 1, "{asked:?}");
    assert_eq!(asked[0].path(), "/federation/credentials", "{}", asked[0].target);
    assert!(asked[0].target.contains("role_name=esops-reader") && asked[0].target.contains("account_id=123456789012"));
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
