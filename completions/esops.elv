
use builtin;
use str;

set edit:completion:arg-completer[esops] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'esops'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'esops'= {
            cand --context 'Use this context of the config file (default: ESOPS_CONTEXT, then `current_context`)'
            cand --url 'Cluster URL, e.g. https://es.example.com:9200'
            cand --cloud-id 'Elastic Cloud ID (instead of --url)'
            cand --api-key 'API key: the encoded form, or ID:KEY. Prefer ESOPS_API_KEY: flags show up in `ps`'
            cand --user 'User for basic authentication'
            cand --password 'Password for basic authentication. Prefer ESOPS_PASSWORD: flags show up in `ps`'
            cand --bearer-token 'Bearer token (service account token, OAuth2 access token, JWT)'
            cand --ca-cert 'PEM file with the CA that signed the cluster''s certificate (trusted in addition to the system store)'
            cand --timeout 'Timeout of each request, connecting included (e.g. 30s, 2m)'
            cand --color 'When to use colour'
            cand --insecure 'Do not verify the cluster''s TLS certificate. Dangerous: for a one-off diagnosis only'
            cand --sandbox 'Run against a fresh in-process sandbox cluster instead of a real one'
            cand -v 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)'
            cand --verbose 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)'
            cand -q 'Only errors and warnings on stderr'
            cand --quiet 'Only errors and warnings on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand info 'Cluster name, version, distribution, health, ILM status and disk per node'
            cand audit 'Disk use per index family, growth, flood stage forecast, ILM health, retention and shard findings'
            cand context 'Named clusters in the config file (kubectl-style contexts)'
            cand retention 'Indices past their retention: dry run by default, `--execute` deletes them'
            cand rollover 'Evaluate rollover conditions with Elasticsearch''s own dry run; `--execute` rolls over what is due'
            cand sandbox 'Serve the built-in emulated Elasticsearch cluster on loopback (try esops without a cluster)'
            cand completions 'Print a shell completion script'
            cand man 'Print the man page (roff)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'esops;info'= {
            cand -o 'Output format'
            cand --output 'Output format'
            cand --context 'Use this context of the config file (default: ESOPS_CONTEXT, then `current_context`)'
            cand --url 'Cluster URL, e.g. https://es.example.com:9200'
            cand --cloud-id 'Elastic Cloud ID (instead of --url)'
            cand --api-key 'API key: the encoded form, or ID:KEY. Prefer ESOPS_API_KEY: flags show up in `ps`'
            cand --user 'User for basic authentication'
            cand --password 'Password for basic authentication. Prefer ESOPS_PASSWORD: flags show up in `ps`'
            cand --bearer-token 'Bearer token (service account token, OAuth2 access token, JWT)'
            cand --ca-cert 'PEM file with the CA that signed the cluster''s certificate (trusted in addition to the system store)'
            cand --timeout 'Timeout of each request, connecting included (e.g. 30s, 2m)'
            cand --color 'When to use colour'
            cand --insecure 'Do not verify the cluster''s TLS certificate. Dangerous: for a one-off diagnosis only'
            cand --sandbox 'Run against a fresh in-process sandbox cluster instead of a real one'
            cand -v 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)'
            cand --verbose 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)'
            cand -q 'Only errors and warnings on stderr'
            cand --quiet 'Only errors and warnings on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'esops;audit'= {
            cand -o 'Output format'
            cand --output 'Output format'
            cand --by 'Rows of the main table (and of CSV): index families, days of data, ILM phases or nodes'
            cand --pattern 'Only indices matching this pattern (`*` wildcards), e.g. `python-logs-*`'
            cand --family 'Only this index family (the name without date and generation), e.g. `python-logs`'
            cand --horizon 'Report a flood stage forecast within this horizon'
            cand --fail-on 'Exit 2 when a finding reaches this severity'
            cand --now 'Audit as of this time (RFC 3339, e.g. 2024-06-01T00:00:00Z), for reproducible runs; default: now'
            cand --context 'Use this context of the config file (default: ESOPS_CONTEXT, then `current_context`)'
            cand --url 'Cluster URL, e.g. https://es.example.com:9200'
            cand --cloud-id 'Elastic Cloud ID (instead of --url)'
            cand --api-key 'API key: the encoded form, or ID:KEY. Prefer ESOPS_API_KEY: flags show up in `ps`'
            cand --user 'User for basic authentication'
            cand --password 'Password for basic authentication. Prefer ESOPS_PASSWORD: flags show up in `ps`'
            cand --bearer-token 'Bearer token (service account token, OAuth2 access token, JWT)'
            cand --ca-cert 'PEM file with the CA that signed the cluster''s certificate (trusted in addition to the system store)'
            cand --timeout 'Timeout of each request, connecting included (e.g. 30s, 2m)'
            cand --color 'When to use colour'
            cand --insecure 'Do not verify the cluster''s TLS certificate. Dangerous: for a one-off diagnosis only'
            cand --sandbox 'Run against a fresh in-process sandbox cluster instead of a real one'
            cand -v 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)'
            cand --verbose 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)'
            cand -q 'Only errors and warnings on stderr'
            cand --quiet 'Only errors and warnings on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'esops;context'= {
            cand --context 'Use this context of the config file (default: ESOPS_CONTEXT, then `current_context`)'
            cand --url 'Cluster URL, e.g. https://es.example.com:9200'
            cand --cloud-id 'Elastic Cloud ID (instead of --url)'
            cand --api-key 'API key: the encoded form, or ID:KEY. Prefer ESOPS_API_KEY: flags show up in `ps`'
            cand --user 'User for basic authentication'
            cand --password 'Password for basic authentication. Prefer ESOPS_PASSWORD: flags show up in `ps`'
            cand --bearer-token 'Bearer token (service account token, OAuth2 access token, JWT)'
            cand --ca-cert 'PEM file with the CA that signed the cluster''s certificate (trusted in addition to the system store)'
            cand --timeout 'Timeout of each request, connecting included (e.g. 30s, 2m)'
            cand --color 'When to use colour'
            cand --insecure 'Do not verify the cluster''s TLS certificate. Dangerous: for a one-off diagnosis only'
            cand --sandbox 'Run against a fresh in-process sandbox cluster instead of a real one'
            cand -v 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)'
            cand --verbose 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)'
            cand -q 'Only errors and warnings on stderr'
            cand --quiet 'Only errors and warnings on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand list 'List the contexts of the config file; the current one is marked with `*`'
            cand use 'Make NAME the current context (rewrites `current_context` in the config file)'
            cand show 'Show every resolved connection setting and where it came from (secrets redacted)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'esops;context;list'= {
            cand -o 'Output format'
            cand --output 'Output format'
            cand --context 'Use this context of the config file (default: ESOPS_CONTEXT, then `current_context`)'
            cand --url 'Cluster URL, e.g. https://es.example.com:9200'
            cand --cloud-id 'Elastic Cloud ID (instead of --url)'
            cand --api-key 'API key: the encoded form, or ID:KEY. Prefer ESOPS_API_KEY: flags show up in `ps`'
            cand --user 'User for basic authentication'
            cand --password 'Password for basic authentication. Prefer ESOPS_PASSWORD: flags show up in `ps`'
            cand --bearer-token 'Bearer token (service account token, OAuth2 access token, JWT)'
            cand --ca-cert 'PEM file with the CA that signed the cluster''s certificate (trusted in addition to the system store)'
            cand --timeout 'Timeout of each request, connecting included (e.g. 30s, 2m)'
            cand --color 'When to use colour'
            cand --insecure 'Do not verify the cluster''s TLS certificate. Dangerous: for a one-off diagnosis only'
            cand --sandbox 'Run against a fresh in-process sandbox cluster instead of a real one'
            cand -v 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)'
            cand --verbose 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)'
            cand -q 'Only errors and warnings on stderr'
            cand --quiet 'Only errors and warnings on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'esops;context;use'= {
            cand --context 'Use this context of the config file (default: ESOPS_CONTEXT, then `current_context`)'
            cand --url 'Cluster URL, e.g. https://es.example.com:9200'
            cand --cloud-id 'Elastic Cloud ID (instead of --url)'
            cand --api-key 'API key: the encoded form, or ID:KEY. Prefer ESOPS_API_KEY: flags show up in `ps`'
            cand --user 'User for basic authentication'
            cand --password 'Password for basic authentication. Prefer ESOPS_PASSWORD: flags show up in `ps`'
            cand --bearer-token 'Bearer token (service account token, OAuth2 access token, JWT)'
            cand --ca-cert 'PEM file with the CA that signed the cluster''s certificate (trusted in addition to the system store)'
            cand --timeout 'Timeout of each request, connecting included (e.g. 30s, 2m)'
            cand --color 'When to use colour'
            cand --insecure 'Do not verify the cluster''s TLS certificate. Dangerous: for a one-off diagnosis only'
            cand --sandbox 'Run against a fresh in-process sandbox cluster instead of a real one'
            cand -v 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)'
            cand --verbose 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)'
            cand -q 'Only errors and warnings on stderr'
            cand --quiet 'Only errors and warnings on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'esops;context;show'= {
            cand -o 'Output format'
            cand --output 'Output format'
            cand --context 'Use this context of the config file (default: ESOPS_CONTEXT, then `current_context`)'
            cand --url 'Cluster URL, e.g. https://es.example.com:9200'
            cand --cloud-id 'Elastic Cloud ID (instead of --url)'
            cand --api-key 'API key: the encoded form, or ID:KEY. Prefer ESOPS_API_KEY: flags show up in `ps`'
            cand --user 'User for basic authentication'
            cand --password 'Password for basic authentication. Prefer ESOPS_PASSWORD: flags show up in `ps`'
            cand --bearer-token 'Bearer token (service account token, OAuth2 access token, JWT)'
            cand --ca-cert 'PEM file with the CA that signed the cluster''s certificate (trusted in addition to the system store)'
            cand --timeout 'Timeout of each request, connecting included (e.g. 30s, 2m)'
            cand --color 'When to use colour'
            cand --insecure 'Do not verify the cluster''s TLS certificate. Dangerous: for a one-off diagnosis only'
            cand --sandbox 'Run against a fresh in-process sandbox cluster instead of a real one'
            cand -v 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)'
            cand --verbose 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)'
            cand -q 'Only errors and warnings on stderr'
            cand --quiet 'Only errors and warnings on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'esops;context;help'= {
            cand list 'List the contexts of the config file; the current one is marked with `*`'
            cand use 'Make NAME the current context (rewrites `current_context` in the config file)'
            cand show 'Show every resolved connection setting and where it came from (secrets redacted)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'esops;context;help;list'= {
        }
        &'esops;context;help;use'= {
        }
        &'esops;context;help;show'= {
        }
        &'esops;context;help;help'= {
        }
        &'esops;retention'= {
            cand --older-than 'Select indices older than this, e.g. 90d'
            cand --age-from 'Where an index''s age comes from: the date in its name, or its creation date'
            cand --date-format 'The date format in index names (yyyy.MM.dd, yyyy-MM-dd, yyyyMMdd, yyyy.MM, or %Y.%m.%d…); default: inferred per family. Only names ending in a complete date of this format qualify'
            cand --keep-newest 'Never select the N newest indices of each family'
            cand --now 'The time to measure ages against (RFC 3339, e.g. 2024-06-01T00:00:00Z); default: now'
            cand --max 'Refuse to delete more than N indices'
            cand --log-file 'With --execute: append one JSON line per deleted index to this file (an audit trail)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --context 'Use this context of the config file (default: ESOPS_CONTEXT, then `current_context`)'
            cand --url 'Cluster URL, e.g. https://es.example.com:9200'
            cand --cloud-id 'Elastic Cloud ID (instead of --url)'
            cand --api-key 'API key: the encoded form, or ID:KEY. Prefer ESOPS_API_KEY: flags show up in `ps`'
            cand --user 'User for basic authentication'
            cand --password 'Password for basic authentication. Prefer ESOPS_PASSWORD: flags show up in `ps`'
            cand --bearer-token 'Bearer token (service account token, OAuth2 access token, JWT)'
            cand --ca-cert 'PEM file with the CA that signed the cluster''s certificate (trusted in addition to the system store)'
            cand --timeout 'Timeout of each request, connecting included (e.g. 30s, 2m)'
            cand --color 'When to use colour'
            cand --from-cluster-policies 'Take patterns and ages from the cluster: ILM policies with a delete phase and the index templates that attach them (`index.lifecycle.name`)'
            cand --include-hidden 'Also consider hidden indices (`index.hidden`, data stream backing indices) and `.`-prefixed system indices'
            cand --include-managed 'Also select indices an ILM policy manages (by default they are reported: ILM deletes them)'
            cand --execute 'Delete the selected indices (after re-reading the cluster and checking the selection)'
            cand --yes 'With --execute: do not ask (required when stdin is not a terminal)'
            cand --insecure 'Do not verify the cluster''s TLS certificate. Dangerous: for a one-off diagnosis only'
            cand --sandbox 'Run against a fresh in-process sandbox cluster instead of a real one'
            cand -v 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)'
            cand --verbose 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)'
            cand -q 'Only errors and warnings on stderr'
            cand --quiet 'Only errors and warnings on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'esops;rollover'= {
            cand --max-age 'Roll over when the write index is this old (from its creation), e.g. 7d'
            cand --max-docs 'Roll over at this many primary documents'
            cand --max-size 'Roll over when the primaries reach this size, e.g. 50gb (deprecated by ES: prefer --max-primary-shard-size)'
            cand --max-primary-shard-size 'Roll over when the largest primary shard reaches this size, e.g. 50gb'
            cand --max-primary-shard-docs 'Roll over when the largest primary shard holds this many documents'
            cand --min-age 'Do not roll over before this age'
            cand --min-docs 'Do not roll over below this many documents'
            cand --min-size 'Do not roll over below this size'
            cand --min-primary-shard-size 'Do not roll over while the largest primary shard is smaller'
            cand --min-primary-shard-docs 'Do not roll over while the largest primary shard holds fewer documents'
            cand --now 'The time to show ages against (RFC 3339); default: now'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --context 'Use this context of the config file (default: ESOPS_CONTEXT, then `current_context`)'
            cand --url 'Cluster URL, e.g. https://es.example.com:9200'
            cand --cloud-id 'Elastic Cloud ID (instead of --url)'
            cand --api-key 'API key: the encoded form, or ID:KEY. Prefer ESOPS_API_KEY: flags show up in `ps`'
            cand --user 'User for basic authentication'
            cand --password 'Password for basic authentication. Prefer ESOPS_PASSWORD: flags show up in `ps`'
            cand --bearer-token 'Bearer token (service account token, OAuth2 access token, JWT)'
            cand --ca-cert 'PEM file with the CA that signed the cluster''s certificate (trusted in addition to the system store)'
            cand --timeout 'Timeout of each request, connecting included (e.g. 30s, 2m)'
            cand --color 'When to use colour'
            cand --force 'Roll over unconditionally (ignores conditions)'
            cand --execute 'Roll over the targets that are due (or all, with --force)'
            cand --insecure 'Do not verify the cluster''s TLS certificate. Dangerous: for a one-off diagnosis only'
            cand --sandbox 'Run against a fresh in-process sandbox cluster instead of a real one'
            cand -v 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)'
            cand --verbose 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)'
            cand -q 'Only errors and warnings on stderr'
            cand --quiet 'Only errors and warnings on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'esops;sandbox'= {
            cand --listen 'Address to listen on (loopback only)'
            cand --es-version 'Elasticsearch version to emulate (7.17, 8.x, 9.x)'
            cand --seed 'Seed demo data: daily indices FAMILY-YYYY.MM.DD under an ILM policy of the same name, plus a data stream and some unmanaged clutter'
            cand --days 'With --seed: how many days of daily indices, ending today'
            cand --state 'Load the cluster state from FILE at start and save it there on exit'
            cand --ca-cert-out 'With --tls: write the generated CA certificate (PEM) here, for --ca-cert'
            cand --context 'Use this context of the config file (default: ESOPS_CONTEXT, then `current_context`)'
            cand --url 'Cluster URL, e.g. https://es.example.com:9200'
            cand --cloud-id 'Elastic Cloud ID (instead of --url)'
            cand --api-key 'API key: the encoded form, or ID:KEY. Prefer ESOPS_API_KEY: flags show up in `ps`'
            cand --user 'User for basic authentication'
            cand --password 'Password for basic authentication. Prefer ESOPS_PASSWORD: flags show up in `ps`'
            cand --bearer-token 'Bearer token (service account token, OAuth2 access token, JWT)'
            cand --ca-cert 'PEM file with the CA that signed the cluster''s certificate (trusted in addition to the system store)'
            cand --timeout 'Timeout of each request, connecting included (e.g. 30s, 2m)'
            cand --color 'When to use colour'
            cand --tls 'Serve HTTPS with a self-signed certificate generated at start'
            cand --insecure 'Do not verify the cluster''s TLS certificate. Dangerous: for a one-off diagnosis only'
            cand --sandbox 'Run against a fresh in-process sandbox cluster instead of a real one'
            cand -v 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)'
            cand --verbose 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)'
            cand -q 'Only errors and warnings on stderr'
            cand --quiet 'Only errors and warnings on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'esops;completions'= {
            cand --context 'Use this context of the config file (default: ESOPS_CONTEXT, then `current_context`)'
            cand --url 'Cluster URL, e.g. https://es.example.com:9200'
            cand --cloud-id 'Elastic Cloud ID (instead of --url)'
            cand --api-key 'API key: the encoded form, or ID:KEY. Prefer ESOPS_API_KEY: flags show up in `ps`'
            cand --user 'User for basic authentication'
            cand --password 'Password for basic authentication. Prefer ESOPS_PASSWORD: flags show up in `ps`'
            cand --bearer-token 'Bearer token (service account token, OAuth2 access token, JWT)'
            cand --ca-cert 'PEM file with the CA that signed the cluster''s certificate (trusted in addition to the system store)'
            cand --timeout 'Timeout of each request, connecting included (e.g. 30s, 2m)'
            cand --color 'When to use colour'
            cand --insecure 'Do not verify the cluster''s TLS certificate. Dangerous: for a one-off diagnosis only'
            cand --sandbox 'Run against a fresh in-process sandbox cluster instead of a real one'
            cand -v 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)'
            cand --verbose 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)'
            cand -q 'Only errors and warnings on stderr'
            cand --quiet 'Only errors and warnings on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'esops;man'= {
            cand --context 'Use this context of the config file (default: ESOPS_CONTEXT, then `current_context`)'
            cand --url 'Cluster URL, e.g. https://es.example.com:9200'
            cand --cloud-id 'Elastic Cloud ID (instead of --url)'
            cand --api-key 'API key: the encoded form, or ID:KEY. Prefer ESOPS_API_KEY: flags show up in `ps`'
            cand --user 'User for basic authentication'
            cand --password 'Password for basic authentication. Prefer ESOPS_PASSWORD: flags show up in `ps`'
            cand --bearer-token 'Bearer token (service account token, OAuth2 access token, JWT)'
            cand --ca-cert 'PEM file with the CA that signed the cluster''s certificate (trusted in addition to the system store)'
            cand --timeout 'Timeout of each request, connecting included (e.g. 30s, 2m)'
            cand --color 'When to use colour'
            cand --insecure 'Do not verify the cluster''s TLS certificate. Dangerous: for a one-off diagnosis only'
            cand --sandbox 'Run against a fresh in-process sandbox cluster instead of a real one'
            cand -v 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)'
            cand --verbose 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)'
            cand -q 'Only errors and warnings on stderr'
            cand --quiet 'Only errors and warnings on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'esops;help'= {
            cand info 'Cluster name, version, distribution, health, ILM status and disk per node'
            cand audit 'Disk use per index family, growth, flood stage forecast, ILM health, retention and shard findings'
            cand context 'Named clusters in the config file (kubectl-style contexts)'
            cand retention 'Indices past their retention: dry run by default, `--execute` deletes them'
            cand rollover 'Evaluate rollover conditions with Elasticsearch''s own dry run; `--execute` rolls over what is due'
            cand sandbox 'Serve the built-in emulated Elasticsearch cluster on loopback (try esops without a cluster)'
            cand completions 'Print a shell completion script'
            cand man 'Print the man page (roff)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'esops;help;info'= {
        }
        &'esops;help;audit'= {
        }
        &'esops;help;context'= {
            cand list 'List the contexts of the config file; the current one is marked with `*`'
            cand use 'Make NAME the current context (rewrites `current_context` in the config file)'
            cand show 'Show every resolved connection setting and where it came from (secrets redacted)'
        }
        &'esops;help;context;list'= {
        }
        &'esops;help;context;use'= {
        }
        &'esops;help;context;show'= {
        }
        &'esops;help;retention'= {
        }
        &'esops;help;rollover'= {
        }
        &'esops;help;sandbox'= {
        }
        &'esops;help;completions'= {
        }
        &'esops;help;man'= {
        }
        &'esops;help;help'= {
        }
    ]
    $completions[$command]
}
