
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
            cand context 'Named clusters in the config file (kubectl-style contexts)'
            cand validate 'Check a config tree offline: YAML, schema, ILM rules, references, template overlaps'
            cand render 'Print the exact requests (method, path, JSON body) a config tree stands for, shorthand expanded'
            cand plan 'Compare the declared tree with the cluster: what apply would change, and what that does to existing indices'
            cand apply 'Carry out the plan in dependency order (asks on a terminal; needs --yes otherwise)'
            cand export 'Write the cluster''s policies, templates and pipelines as an esops tree (adopting a cluster)'
            cand pipeline 'Ingest pipelines: test them against expected (golden) results'
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
        &'esops;validate'= {
            cand --assume-existing 'Take KIND/NAME as existing on the cluster though the tree does not declare it (e.g. ilm_policy/shared-logs; `*` allowed in NAME; repeatable)'
            cand -o 'Output format: table (messages on stderr) or json/yaml (a list of diagnostics on stdout)'
            cand --output 'Output format: table (messages on stderr) or json/yaml (a list of diagnostics on stdout)'
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
        &'esops;render'= {
            cand --assume-existing 'Take KIND/NAME as existing on the cluster though the tree does not declare it (e.g. ilm_policy/shared-logs; `*` allowed in NAME; repeatable)'
            cand -o 'Output format (json is byte for byte what is sent)'
            cand --output 'Output format (json is byte for byte what is sent)'
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
        &'esops;plan'= {
            cand --assume-existing 'Take KIND/NAME as existing on the cluster though the tree does not declare it (e.g. ilm_policy/shared-logs; `*` allowed in NAME; repeatable)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --now 'Compute the impact on existing indices as of this time (RFC 3339), instead of now'
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
            cand --prune 'Also delete resources marked `_meta.managed_by: esops` that the tree no longer declares'
            cand --detailed-exitcode 'Exit 2 when there are changes (0 when there are none, 1 on errors)'
            cand --insecure 'Do not verify the cluster''s TLS certificate. Dangerous: for a one-off diagnosis only'
            cand --sandbox 'Run against a fresh in-process sandbox cluster instead of a real one'
            cand -v 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)'
            cand --verbose 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)'
            cand -q 'Only errors and warnings on stderr'
            cand --quiet 'Only errors and warnings on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'esops;apply'= {
            cand --assume-existing 'Take KIND/NAME as existing on the cluster though the tree does not declare it (e.g. ilm_policy/shared-logs; `*` allowed in NAME; repeatable)'
            cand --now 'Compute the impact on existing indices as of this time (RFC 3339), instead of now'
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
            cand --prune 'Also delete resources marked `_meta.managed_by: esops` that the tree no longer declares'
            cand -y 'Apply without asking (required when stdin or stdout is not a terminal, as in CI)'
            cand --yes 'Apply without asking (required when stdin or stdout is not a terminal, as in CI)'
            cand --insecure 'Do not verify the cluster''s TLS certificate. Dangerous: for a one-off diagnosis only'
            cand --sandbox 'Run against a fresh in-process sandbox cluster instead of a real one'
            cand -v 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)'
            cand --verbose 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)'
            cand -q 'Only errors and warnings on stderr'
            cand --quiet 'Only errors and warnings on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'esops;export'= {
            cand --kind 'Only this kind (repeatable): ilm_policy, component_template, index_template, ingest_pipeline'
            cand --out 'Write one file per resource under DIR (DIR/ilm_policy/NAME.yaml, …) instead of one YAML stream on stdout'
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
            cand --include-managed 'Also Elastic''s own resources (`_meta.managed: true`, names starting with `.`)'
            cand --force 'With --out: overwrite files that exist'
            cand --insecure 'Do not verify the cluster''s TLS certificate. Dangerous: for a one-off diagnosis only'
            cand --sandbox 'Run against a fresh in-process sandbox cluster instead of a real one'
            cand -v 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)'
            cand --verbose 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)'
            cand -q 'Only errors and warnings on stderr'
            cand --quiet 'Only errors and warnings on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'esops;pipeline'= {
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
            cand test 'Run each pipeline''s test documents through `_simulate` and compare the results with the expected files'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'esops;pipeline;test'= {
            cand --assume-existing 'Take KIND/NAME as existing on the cluster though the tree does not declare it (e.g. ilm_policy/shared-logs; `*` allowed in NAME; repeatable)'
            cand --pipeline 'Only this pipeline (default: every pipeline of the tree that has test cases)'
            cand --ignore-field 'Compare this field by presence only, like event.ingested (repeatable; dotted path)'
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
            cand --from-cluster 'Test the pipeline stored on the cluster under the same name instead of the tree''s'
            cand --put-nested 'PUT the tree''s pipelines that the tested one calls, instead of requiring them on the cluster (changes the cluster: for test clusters and sandboxes)'
            cand --update 'Rewrite the expected files with the results (review the diff before committing)'
            cand --insecure 'Do not verify the cluster''s TLS certificate. Dangerous: for a one-off diagnosis only'
            cand --sandbox 'Run against a fresh in-process sandbox cluster instead of a real one'
            cand -v 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)'
            cand --verbose 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)'
            cand -q 'Only errors and warnings on stderr'
            cand --quiet 'Only errors and warnings on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'esops;pipeline;help'= {
            cand test 'Run each pipeline''s test documents through `_simulate` and compare the results with the expected files'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'esops;pipeline;help;test'= {
        }
        &'esops;pipeline;help;help'= {
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
            cand context 'Named clusters in the config file (kubectl-style contexts)'
            cand validate 'Check a config tree offline: YAML, schema, ILM rules, references, template overlaps'
            cand render 'Print the exact requests (method, path, JSON body) a config tree stands for, shorthand expanded'
            cand plan 'Compare the declared tree with the cluster: what apply would change, and what that does to existing indices'
            cand apply 'Carry out the plan in dependency order (asks on a terminal; needs --yes otherwise)'
            cand export 'Write the cluster''s policies, templates and pipelines as an esops tree (adopting a cluster)'
            cand pipeline 'Ingest pipelines: test them against expected (golden) results'
            cand sandbox 'Serve the built-in emulated Elasticsearch cluster on loopback (try esops without a cluster)'
            cand completions 'Print a shell completion script'
            cand man 'Print the man page (roff)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'esops;help;info'= {
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
        &'esops;help;validate'= {
        }
        &'esops;help;render'= {
        }
        &'esops;help;plan'= {
        }
        &'esops;help;apply'= {
        }
        &'esops;help;export'= {
        }
        &'esops;help;pipeline'= {
            cand test 'Run each pipeline''s test documents through `_simulate` and compare the results with the expected files'
        }
        &'esops;help;pipeline;test'= {
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
