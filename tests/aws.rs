//! AWS SigV4 signing, end to end against a sandbox that checks signatures as Amazon OpenSearch
//! Service (`es`) and OpenSearch Serverless (`aoss`) do, with credentials from the AWS SDK's chain
//! (environment variables, a profile with `credential_process`). Sandbox-only. Every run disables
//! the instance metadata service, so that nothing here ever leaves loopback.

use es_sandbox::SandboxConfig;
use es_sandbox::sigv4::{AwsKey, AwsSigV4};

use crate::common::{Esops, TestCluster, esops, write_file};

const KEY_ID: &str = "AKIAESOPSTEST0000001";
const SECRET: &str = "esops-test-secret-Zq81/aws+key";
const TEMP_KEY_ID: &str = "ASIAESOPSTEST0000002";
const TEMP_SECRET: &str = "esops-temp-secret";
const TOKEN: &str = "esops-session-token";
const EXPIRED_KEY_ID: &str = "ASIAESOPSTEST0000003";

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
