# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_esops_global_optspecs
    string join \n context= all-contexts parallel= keep-going url= cloud-id= api-key= user= password= bearer-token= ca-cert= insecure ca-fingerprint= client-cert= client-key= H/header= proxy= no-proxy aws-sigv4 aws-region= aws-service= aws-profile= timeout= deadline= sandbox color= v/verbose q/quiet h/help V/version
end

function __fish_esops_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_esops_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_esops_using_subcommand
    set -l cmd (__fish_esops_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c esops -n "__fish_esops_needs_command" -l context -d 'Use this context of the config file (default: ESOPS_CONTEXT, then `current_context`). Several (`a,b`, or a pattern such as `prod-*`): read-only commands print one report; commands that change clusters show every plan, ask once, then go cluster by cluster' -r
complete -c esops -n "__fish_esops_needs_command" -l parallel -d 'With several contexts: how many clusters to work on at once' -r
complete -c esops -n "__fish_esops_needs_command" -l url -d 'Cluster URL, e.g. https://es.example.com:9200' -r
complete -c esops -n "__fish_esops_needs_command" -l cloud-id -d 'Elastic Cloud ID (instead of --url)' -r
complete -c esops -n "__fish_esops_needs_command" -l api-key -d 'API key: the encoded form, or ID:KEY. Prefer ESOPS_API_KEY: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_needs_command" -l user -d 'User for basic authentication' -r
complete -c esops -n "__fish_esops_needs_command" -l password -d 'Password for basic authentication. Prefer ESOPS_PASSWORD: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_needs_command" -l bearer-token -d 'Bearer token (service account token, OAuth2 access token, JWT)' -r
complete -c esops -n "__fish_esops_needs_command" -l ca-cert -d 'PEM file with the CA that signed the cluster\'s certificate (trusted in addition to the system store)' -r -F
complete -c esops -n "__fish_esops_needs_command" -l ca-fingerprint -d 'Trust the cluster by the SHA-256 fingerprint of its CA (or certificate), as Elasticsearch prints it at first start' -r
complete -c esops -n "__fish_esops_needs_command" -l client-cert -d 'PEM client certificate for mutual TLS (with --client-key)' -r -F
complete -c esops -n "__fish_esops_needs_command" -l client-key -d 'PEM private key of the client certificate (unencrypted)' -r -F
complete -c esops -n "__fish_esops_needs_command" -s H -l header -d 'Extra request header, `Name: value` (repeatable); `@FILE` reads `Name: value` lines from FILE' -r
complete -c esops -n "__fish_esops_needs_command" -l proxy -d 'HTTP(S) proxy URL (default: ESOPS_PROXY, the context\'s `proxy`, then HTTPS_PROXY/HTTP_PROXY/ALL_PROXY with NO_PROXY)' -r
complete -c esops -n "__fish_esops_needs_command" -l aws-region -d 'AWS region to sign for (default: ESOPS_AWS_REGION, AWS_REGION, the context, the *.amazonaws.com URL)' -r
complete -c esops -n "__fish_esops_needs_command" -l aws-service -d 'AWS signing service: es (OpenSearch Service, Elasticsearch Service) or aoss (Serverless)' -r
complete -c esops -n "__fish_esops_needs_command" -l aws-profile -d 'Profile of the AWS config files to take credentials from (instead of AWS_PROFILE)' -r
complete -c esops -n "__fish_esops_needs_command" -l timeout -d 'Timeout of each request, connecting and reading the whole answer included (e.g. 30s, 2m)' -r
complete -c esops -n "__fish_esops_needs_command" -l deadline -d 'Bound on the whole run (e.g. 5m): no request starts after it and one under way is cut off; the command then says what it did and what it left undone' -r
complete -c esops -n "__fish_esops_needs_command" -l color -d 'When to use colour' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always'
never\t'Never'"
complete -c esops -n "__fish_esops_needs_command" -l all-contexts -d 'Run on every context of the config file (as several --context)'
complete -c esops -n "__fish_esops_needs_command" -l keep-going -d 'With several contexts, for commands that change clusters: go on past a cluster that cannot be planned or fails (default: change nothing when one cannot be planned; stop at the first failure)'
complete -c esops -n "__fish_esops_needs_command" -l insecure -d 'Do not verify the cluster\'s TLS certificate. Dangerous: for a one-off diagnosis only'
complete -c esops -n "__fish_esops_needs_command" -l no-proxy -d 'Connect directly, whatever proxy the environment or the context names'
complete -c esops -n "__fish_esops_needs_command" -l aws-sigv4 -d 'Sign requests with AWS SigV4 (Amazon OpenSearch Service, OpenSearch Serverless); credentials from the AWS SDK\'s chain'
complete -c esops -n "__fish_esops_needs_command" -l sandbox -d 'Run against a fresh in-process sandbox cluster instead of a real one'
complete -c esops -n "__fish_esops_needs_command" -s v -l verbose -d 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)'
complete -c esops -n "__fish_esops_needs_command" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c esops -n "__fish_esops_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esops -n "__fish_esops_needs_command" -s V -l version -d 'Print version'
complete -c esops -n "__fish_esops_needs_command" -f -a "info" -d 'Cluster name, version, distribution, health, ILM status and disk per node'
complete -c esops -n "__fish_esops_needs_command" -f -a "audit" -d 'Disk use per index family, growth, flood stage forecast, ILM health, retention and shard findings'
complete -c esops -n "__fish_esops_needs_command" -f -a "context" -d 'Named clusters in the config file (kubectl-style contexts)'
complete -c esops -n "__fish_esops_needs_command" -f -a "validate" -d 'Check a config tree offline: YAML, schema, ILM rules, references, template overlaps'
complete -c esops -n "__fish_esops_needs_command" -f -a "render" -d 'Print the exact requests (method, path, JSON body) a config tree stands for, shorthand expanded'
complete -c esops -n "__fish_esops_needs_command" -f -a "plan" -d 'Compare the declared tree with the cluster: what apply would change, and what that does to existing indices'
complete -c esops -n "__fish_esops_needs_command" -f -a "apply" -d 'Carry out the plan in dependency order (asks on a terminal; needs --yes otherwise)'
complete -c esops -n "__fish_esops_needs_command" -f -a "export" -d 'Write the cluster\'s policies, templates and pipelines as an esops tree (adopting a cluster)'
complete -c esops -n "__fish_esops_needs_command" -f -a "pipeline" -d 'Ingest pipelines: test them against expected (golden) results'
complete -c esops -n "__fish_esops_needs_command" -f -a "retention" -d 'Indices past their retention or beyond a count, size or disk limit: dry run by default, `--execute` deletes them'
complete -c esops -n "__fish_esops_needs_command" -f -a "indices" -d 'Close, open, forcemerge, set replicas of or shrink a selection of indices (retention\'s selection)'
complete -c esops -n "__fish_esops_needs_command" -f -a "rollover" -d 'Evaluate rollover conditions with Elasticsearch\'s own dry run; `--execute` rolls over what is due'
complete -c esops -n "__fish_esops_needs_command" -f -a "ilm" -d 'ILM state per index, errors first (`explain`); retry failed steps (`retry`); attach, switch, detach and move policies; start and stop ILM. On OpenSearch the same verbs drive ISM (`esops ism` is the same command)'
complete -c esops -n "__fish_esops_needs_command" -f -a "ism" -d 'ILM state per index, errors first (`explain`); retry failed steps (`retry`); attach, switch, detach and move policies; start and stop ILM. On OpenSearch the same verbs drive ISM (`esops ism` is the same command)'
complete -c esops -n "__fish_esops_needs_command" -f -a "bootstrap" -d 'Create the first write index NAME-000001 with its write alias NAME, or the data stream NAME, as the matching index template says; dry run unless --execute'
complete -c esops -n "__fish_esops_needs_command" -f -a "sandbox" -d 'Serve the built-in emulated Elasticsearch cluster on loopback (try esops without a cluster)'
complete -c esops -n "__fish_esops_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c esops -n "__fish_esops_needs_command" -f -a "man" -d 'Print the man page (roff), or write one page per command with --out'
complete -c esops -n "__fish_esops_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c esops -n "__fish_esops_using_subcommand info" -s o -l output -d 'Output format' -r -f -a "table\t'Aligned text for people'
json\t'JSON (stable field names)'
yaml\t'YAML'"
complete -c esops -n "__fish_esops_using_subcommand info" -l context -d 'Use this context of the config file (default: ESOPS_CONTEXT, then `current_context`). Several (`a,b`, or a pattern such as `prod-*`): read-only commands print one report; commands that change clusters show every plan, ask once, then go cluster by cluster' -r
complete -c esops -n "__fish_esops_using_subcommand info" -l parallel -d 'With several contexts: how many clusters to work on at once' -r
complete -c esops -n "__fish_esops_using_subcommand info" -l url -d 'Cluster URL, e.g. https://es.example.com:9200' -r
complete -c esops -n "__fish_esops_using_subcommand info" -l cloud-id -d 'Elastic Cloud ID (instead of --url)' -r
complete -c esops -n "__fish_esops_using_subcommand info" -l api-key -d 'API key: the encoded form, or ID:KEY. Prefer ESOPS_API_KEY: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand info" -l user -d 'User for basic authentication' -r
complete -c esops -n "__fish_esops_using_subcommand info" -l password -d 'Password for basic authentication. Prefer ESOPS_PASSWORD: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand info" -l bearer-token -d 'Bearer token (service account token, OAuth2 access token, JWT)' -r
complete -c esops -n "__fish_esops_using_subcommand info" -l ca-cert -d 'PEM file with the CA that signed the cluster\'s certificate (trusted in addition to the system store)' -r -F
complete -c esops -n "__fish_esops_using_subcommand info" -l ca-fingerprint -d 'Trust the cluster by the SHA-256 fingerprint of its CA (or certificate), as Elasticsearch prints it at first start' -r
complete -c esops -n "__fish_esops_using_subcommand info" -l client-cert -d 'PEM client certificate for mutual TLS (with --client-key)' -r -F
complete -c esops -n "__fish_esops_using_subcommand info" -l client-key -d 'PEM private key of the client certificate (unencrypted)' -r -F
complete -c esops -n "__fish_esops_using_subcommand info" -s H -l header -d 'Extra request header, `Name: value` (repeatable); `@FILE` reads `Name: value` lines from FILE' -r
complete -c esops -n "__fish_esops_using_subcommand info" -l proxy -d 'HTTP(S) proxy URL (default: ESOPS_PROXY, the context\'s `proxy`, then HTTPS_PROXY/HTTP_PROXY/ALL_PROXY with NO_PROXY)' -r
complete -c esops -n "__fish_esops_using_subcommand info" -l aws-region -d 'AWS region to sign for (default: ESOPS_AWS_REGION, AWS_REGION, the context, the *.amazonaws.com URL)' -r
complete -c esops -n "__fish_esops_using_subcommand info" -l aws-service -d 'AWS signing service: es (OpenSearch Service, Elasticsearch Service) or aoss (Serverless)' -r
complete -c esops -n "__fish_esops_using_subcommand info" -l aws-profile -d 'Profile of the AWS config files to take credentials from (instead of AWS_PROFILE)' -r
complete -c esops -n "__fish_esops_using_subcommand info" -l timeout -d 'Timeout of each request, connecting and reading the whole answer included (e.g. 30s, 2m)' -r
complete -c esops -n "__fish_esops_using_subcommand info" -l deadline -d 'Bound on the whole run (e.g. 5m): no request starts after it and one under way is cut off; the command then says what it did and what it left undone' -r
complete -c esops -n "__fish_esops_using_subcommand info" -l color -d 'When to use colour' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always'
never\t'Never'"
complete -c esops -n "__fish_esops_using_subcommand info" -l all-contexts -d 'Run on every context of the config file (as several --context)'
complete -c esops -n "__fish_esops_using_subcommand info" -l keep-going -d 'With several contexts, for commands that change clusters: go on past a cluster that cannot be planned or fails (default: change nothing when one cannot be planned; stop at the first failure)'
complete -c esops -n "__fish_esops_using_subcommand info" -l insecure -d 'Do not verify the cluster\'s TLS certificate. Dangerous: for a one-off diagnosis only'
complete -c esops -n "__fish_esops_using_subcommand info" -l no-proxy -d 'Connect directly, whatever proxy the environment or the context names'
complete -c esops -n "__fish_esops_using_subcommand info" -l aws-sigv4 -d 'Sign requests with AWS SigV4 (Amazon OpenSearch Service, OpenSearch Serverless); credentials from the AWS SDK\'s chain'
complete -c esops -n "__fish_esops_using_subcommand info" -l sandbox -d 'Run against a fresh in-process sandbox cluster instead of a real one'
complete -c esops -n "__fish_esops_using_subcommand info" -s v -l verbose -d 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)'
complete -c esops -n "__fish_esops_using_subcommand info" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c esops -n "__fish_esops_using_subcommand info" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esops -n "__fish_esops_using_subcommand audit" -s o -l output -d 'Output format' -r -f -a "table\t'Tables and a trend chart for people'
json\t'JSON, versioned schema (`schema_version`)'
csv\t'CSV of the --by breakdown, sizes in bytes'
prometheus\t'Prometheus text exposition, for node_exporter\'s textfile collector'
markdown\t'Markdown, for CI job summaries and pull request comments'"
complete -c esops -n "__fish_esops_using_subcommand audit" -l by -d 'Rows of the main table (and of CSV): index families, days of data, ILM phases or nodes' -r -f -a "family\t'One row per index family'
day\t'One row per day of data'
phase\t'One row per ILM phase'
node\t'One row per node'
repository\t'One row per snapshot repository: snapshots, size, newest success, verification'"
complete -c esops -n "__fish_esops_using_subcommand audit" -l pattern -d 'Only indices matching this pattern (`*` wildcards), e.g. `python-logs-*`' -r
complete -c esops -n "__fish_esops_using_subcommand audit" -l family -d 'Only this index family (the name without date and generation), e.g. `python-logs`' -r
complete -c esops -n "__fish_esops_using_subcommand audit" -l horizon -d 'Report a flood stage forecast within this horizon' -r
complete -c esops -n "__fish_esops_using_subcommand audit" -l fail-on -d 'Exit 2 when a finding reaches this severity' -r -f -a "warn\t'Warnings and errors'
error\t'Errors only'"
complete -c esops -n "__fish_esops_using_subcommand audit" -l now -d 'Audit as of this time (RFC 3339, e.g. 2024-06-01T00:00:00Z), for reproducible runs; default: now' -r
complete -c esops -n "__fish_esops_using_subcommand audit" -l context -d 'Use this context of the config file (default: ESOPS_CONTEXT, then `current_context`). Several (`a,b`, or a pattern such as `prod-*`): read-only commands print one report; commands that change clusters show every plan, ask once, then go cluster by cluster' -r
complete -c esops -n "__fish_esops_using_subcommand audit" -l parallel -d 'With several contexts: how many clusters to work on at once' -r
complete -c esops -n "__fish_esops_using_subcommand audit" -l url -d 'Cluster URL, e.g. https://es.example.com:9200' -r
complete -c esops -n "__fish_esops_using_subcommand audit" -l cloud-id -d 'Elastic Cloud ID (instead of --url)' -r
complete -c esops -n "__fish_esops_using_subcommand audit" -l api-key -d 'API key: the encoded form, or ID:KEY. Prefer ESOPS_API_KEY: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand audit" -l user -d 'User for basic authentication' -r
complete -c esops -n "__fish_esops_using_subcommand audit" -l password -d 'Password for basic authentication. Prefer ESOPS_PASSWORD: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand audit" -l bearer-token -d 'Bearer token (service account token, OAuth2 access token, JWT)' -r
complete -c esops -n "__fish_esops_using_subcommand audit" -l ca-cert -d 'PEM file with the CA that signed the cluster\'s certificate (trusted in addition to the system store)' -r -F
complete -c esops -n "__fish_esops_using_subcommand audit" -l ca-fingerprint -d 'Trust the cluster by the SHA-256 fingerprint of its CA (or certificate), as Elasticsearch prints it at first start' -r
complete -c esops -n "__fish_esops_using_subcommand audit" -l client-cert -d 'PEM client certificate for mutual TLS (with --client-key)' -r -F
complete -c esops -n "__fish_esops_using_subcommand audit" -l client-key -d 'PEM private key of the client certificate (unencrypted)' -r -F
complete -c esops -n "__fish_esops_using_subcommand audit" -s H -l header -d 'Extra request header, `Name: value` (repeatable); `@FILE` reads `Name: value` lines from FILE' -r
complete -c esops -n "__fish_esops_using_subcommand audit" -l proxy -d 'HTTP(S) proxy URL (default: ESOPS_PROXY, the context\'s `proxy`, then HTTPS_PROXY/HTTP_PROXY/ALL_PROXY with NO_PROXY)' -r
complete -c esops -n "__fish_esops_using_subcommand audit" -l aws-region -d 'AWS region to sign for (default: ESOPS_AWS_REGION, AWS_REGION, the context, the *.amazonaws.com URL)' -r
complete -c esops -n "__fish_esops_using_subcommand audit" -l aws-service -d 'AWS signing service: es (OpenSearch Service, Elasticsearch Service) or aoss (Serverless)' -r
complete -c esops -n "__fish_esops_using_subcommand audit" -l aws-profile -d 'Profile of the AWS config files to take credentials from (instead of AWS_PROFILE)' -r
complete -c esops -n "__fish_esops_using_subcommand audit" -l timeout -d 'Timeout of each request, connecting and reading the whole answer included (e.g. 30s, 2m)' -r
complete -c esops -n "__fish_esops_using_subcommand audit" -l deadline -d 'Bound on the whole run (e.g. 5m): no request starts after it and one under way is cut off; the command then says what it did and what it left undone' -r
complete -c esops -n "__fish_esops_using_subcommand audit" -l color -d 'When to use colour' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always'
never\t'Never'"
complete -c esops -n "__fish_esops_using_subcommand audit" -l all-contexts -d 'Run on every context of the config file (as several --context)'
complete -c esops -n "__fish_esops_using_subcommand audit" -l keep-going -d 'With several contexts, for commands that change clusters: go on past a cluster that cannot be planned or fails (default: change nothing when one cannot be planned; stop at the first failure)'
complete -c esops -n "__fish_esops_using_subcommand audit" -l insecure -d 'Do not verify the cluster\'s TLS certificate. Dangerous: for a one-off diagnosis only'
complete -c esops -n "__fish_esops_using_subcommand audit" -l no-proxy -d 'Connect directly, whatever proxy the environment or the context names'
complete -c esops -n "__fish_esops_using_subcommand audit" -l aws-sigv4 -d 'Sign requests with AWS SigV4 (Amazon OpenSearch Service, OpenSearch Serverless); credentials from the AWS SDK\'s chain'
complete -c esops -n "__fish_esops_using_subcommand audit" -l sandbox -d 'Run against a fresh in-process sandbox cluster instead of a real one'
complete -c esops -n "__fish_esops_using_subcommand audit" -s v -l verbose -d 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)'
complete -c esops -n "__fish_esops_using_subcommand audit" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c esops -n "__fish_esops_using_subcommand audit" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esops -n "__fish_esops_using_subcommand context; and not __fish_seen_subcommand_from list use show help" -l context -d 'Use this context of the config file (default: ESOPS_CONTEXT, then `current_context`). Several (`a,b`, or a pattern such as `prod-*`): read-only commands print one report; commands that change clusters show every plan, ask once, then go cluster by cluster' -r
complete -c esops -n "__fish_esops_using_subcommand context; and not __fish_seen_subcommand_from list use show help" -l parallel -d 'With several contexts: how many clusters to work on at once' -r
complete -c esops -n "__fish_esops_using_subcommand context; and not __fish_seen_subcommand_from list use show help" -l url -d 'Cluster URL, e.g. https://es.example.com:9200' -r
complete -c esops -n "__fish_esops_using_subcommand context; and not __fish_seen_subcommand_from list use show help" -l cloud-id -d 'Elastic Cloud ID (instead of --url)' -r
complete -c esops -n "__fish_esops_using_subcommand context; and not __fish_seen_subcommand_from list use show help" -l api-key -d 'API key: the encoded form, or ID:KEY. Prefer ESOPS_API_KEY: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand context; and not __fish_seen_subcommand_from list use show help" -l user -d 'User for basic authentication' -r
complete -c esops -n "__fish_esops_using_subcommand context; and not __fish_seen_subcommand_from list use show help" -l password -d 'Password for basic authentication. Prefer ESOPS_PASSWORD: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand context; and not __fish_seen_subcommand_from list use show help" -l bearer-token -d 'Bearer token (service account token, OAuth2 access token, JWT)' -r
complete -c esops -n "__fish_esops_using_subcommand context; and not __fish_seen_subcommand_from list use show help" -l ca-cert -d 'PEM file with the CA that signed the cluster\'s certificate (trusted in addition to the system store)' -r -F
complete -c esops -n "__fish_esops_using_subcommand context; and not __fish_seen_subcommand_from list use show help" -l ca-fingerprint -d 'Trust the cluster by the SHA-256 fingerprint of its CA (or certificate), as Elasticsearch prints it at first start' -r
complete -c esops -n "__fish_esops_using_subcommand context; and not __fish_seen_subcommand_from list use show help" -l client-cert -d 'PEM client certificate for mutual TLS (with --client-key)' -r -F
complete -c esops -n "__fish_esops_using_subcommand context; and not __fish_seen_subcommand_from list use show help" -l client-key -d 'PEM private key of the client certificate (unencrypted)' -r -F
complete -c esops -n "__fish_esops_using_subcommand context; and not __fish_seen_subcommand_from list use show help" -s H -l header -d 'Extra request header, `Name: value` (repeatable); `@FILE` reads `Name: value` lines from FILE' -r
complete -c esops -n "__fish_esops_using_subcommand context; and not __fish_seen_subcommand_from list use show help" -l proxy -d 'HTTP(S) proxy URL (default: ESOPS_PROXY, the context\'s `proxy`, then HTTPS_PROXY/HTTP_PROXY/ALL_PROXY with NO_PROXY)' -r
complete -c esops -n "__fish_esops_using_subcommand context; and not __fish_seen_subcommand_from list use show help" -l aws-region -d 'AWS region to sign for (default: ESOPS_AWS_REGION, AWS_REGION, the context, the *.amazonaws.com URL)' -r
complete -c esops -n "__fish_esops_using_subcommand context; and not __fish_seen_subcommand_from list use show help" -l aws-service -d 'AWS signing service: es (OpenSearch Service, Elasticsearch Service) or aoss (Serverless)' -r
complete -c esops -n "__fish_esops_using_subcommand context; and not __fish_seen_subcommand_from list use show help" -l aws-profile -d 'Profile of the AWS config files to take credentials from (instead of AWS_PROFILE)' -r
complete -c esops -n "__fish_esops_using_subcommand context; and not __fish_seen_subcommand_from list use show help" -l timeout -d 'Timeout of each request, connecting and reading the whole answer included (e.g. 30s, 2m)' -r
complete -c esops -n "__fish_esops_using_subcommand context; and not __fish_seen_subcommand_from list use show help" -l deadline -d 'Bound on the whole run (e.g. 5m): no request starts after it and one under way is cut off; the command then says what it did and what it left undone' -r
complete -c esops -n "__fish_esops_using_subcommand context; and not __fish_seen_subcommand_from list use show help" -l color -d 'When to use colour' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always'
never\t'Never'"
complete -c esops -n "__fish_esops_using_subcommand context; and not __fish_seen_subcommand_from list use show help" -l all-contexts -d 'Run on every context of the config file (as several --context)'
complete -c esops -n "__fish_esops_using_subcommand context; and not __fish_seen_subcommand_from list use show help" -l keep-going -d 'With several contexts, for commands that change clusters: go on past a cluster that cannot be planned or fails (default: change nothing when one cannot be planned; stop at the first failure)'
complete -c esops -n "__fish_esops_using_subcommand context; and not __fish_seen_subcommand_from list use show help" -l insecure -d 'Do not verify the cluster\'s TLS certificate. Dangerous: for a one-off diagnosis only'
complete -c esops -n "__fish_esops_using_subcommand context; and not __fish_seen_subcommand_from list use show help" -l no-proxy -d 'Connect directly, whatever proxy the environment or the context names'
complete -c esops -n "__fish_esops_using_subcommand context; and not __fish_seen_subcommand_from list use show help" -l aws-sigv4 -d 'Sign requests with AWS SigV4 (Amazon OpenSearch Service, OpenSearch Serverless); credentials from the AWS SDK\'s chain'
complete -c esops -n "__fish_esops_using_subcommand context; and not __fish_seen_subcommand_from list use show help" -l sandbox -d 'Run against a fresh in-process sandbox cluster instead of a real one'
complete -c esops -n "__fish_esops_using_subcommand context; and not __fish_seen_subcommand_from list use show help" -s v -l verbose -d 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)'
complete -c esops -n "__fish_esops_using_subcommand context; and not __fish_seen_subcommand_from list use show help" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c esops -n "__fish_esops_using_subcommand context; and not __fish_seen_subcommand_from list use show help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esops -n "__fish_esops_using_subcommand context; and not __fish_seen_subcommand_from list use show help" -f -a "list" -d 'List the contexts of the config file; the current one is marked with `*`'
complete -c esops -n "__fish_esops_using_subcommand context; and not __fish_seen_subcommand_from list use show help" -f -a "use" -d 'Make NAME the current context (rewrites `current_context` in the config file)'
complete -c esops -n "__fish_esops_using_subcommand context; and not __fish_seen_subcommand_from list use show help" -f -a "show" -d 'Show every resolved connection setting and where it came from (secrets redacted)'
complete -c esops -n "__fish_esops_using_subcommand context; and not __fish_seen_subcommand_from list use show help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format' -r -f -a "table\t'Aligned text for people'
json\t'JSON (stable field names)'
yaml\t'YAML'"
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from list" -l context -d 'Use this context of the config file (default: ESOPS_CONTEXT, then `current_context`). Several (`a,b`, or a pattern such as `prod-*`): read-only commands print one report; commands that change clusters show every plan, ask once, then go cluster by cluster' -r
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from list" -l parallel -d 'With several contexts: how many clusters to work on at once' -r
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from list" -l url -d 'Cluster URL, e.g. https://es.example.com:9200' -r
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from list" -l cloud-id -d 'Elastic Cloud ID (instead of --url)' -r
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from list" -l api-key -d 'API key: the encoded form, or ID:KEY. Prefer ESOPS_API_KEY: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from list" -l user -d 'User for basic authentication' -r
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from list" -l password -d 'Password for basic authentication. Prefer ESOPS_PASSWORD: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from list" -l bearer-token -d 'Bearer token (service account token, OAuth2 access token, JWT)' -r
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from list" -l ca-cert -d 'PEM file with the CA that signed the cluster\'s certificate (trusted in addition to the system store)' -r -F
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from list" -l ca-fingerprint -d 'Trust the cluster by the SHA-256 fingerprint of its CA (or certificate), as Elasticsearch prints it at first start' -r
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from list" -l client-cert -d 'PEM client certificate for mutual TLS (with --client-key)' -r -F
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from list" -l client-key -d 'PEM private key of the client certificate (unencrypted)' -r -F
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from list" -s H -l header -d 'Extra request header, `Name: value` (repeatable); `@FILE` reads `Name: value` lines from FILE' -r
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from list" -l proxy -d 'HTTP(S) proxy URL (default: ESOPS_PROXY, the context\'s `proxy`, then HTTPS_PROXY/HTTP_PROXY/ALL_PROXY with NO_PROXY)' -r
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from list" -l aws-region -d 'AWS region to sign for (default: ESOPS_AWS_REGION, AWS_REGION, the context, the *.amazonaws.com URL)' -r
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from list" -l aws-service -d 'AWS signing service: es (OpenSearch Service, Elasticsearch Service) or aoss (Serverless)' -r
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from list" -l aws-profile -d 'Profile of the AWS config files to take credentials from (instead of AWS_PROFILE)' -r
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from list" -l timeout -d 'Timeout of each request, connecting and reading the whole answer included (e.g. 30s, 2m)' -r
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from list" -l deadline -d 'Bound on the whole run (e.g. 5m): no request starts after it and one under way is cut off; the command then says what it did and what it left undone' -r
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from list" -l color -d 'When to use colour' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always'
never\t'Never'"
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from list" -l all-contexts -d 'Run on every context of the config file (as several --context)'
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from list" -l keep-going -d 'With several contexts, for commands that change clusters: go on past a cluster that cannot be planned or fails (default: change nothing when one cannot be planned; stop at the first failure)'
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from list" -l insecure -d 'Do not verify the cluster\'s TLS certificate. Dangerous: for a one-off diagnosis only'
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from list" -l no-proxy -d 'Connect directly, whatever proxy the environment or the context names'
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from list" -l aws-sigv4 -d 'Sign requests with AWS SigV4 (Amazon OpenSearch Service, OpenSearch Serverless); credentials from the AWS SDK\'s chain'
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from list" -l sandbox -d 'Run against a fresh in-process sandbox cluster instead of a real one'
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)'
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from use" -l context -d 'Use this context of the config file (default: ESOPS_CONTEXT, then `current_context`). Several (`a,b`, or a pattern such as `prod-*`): read-only commands print one report; commands that change clusters show every plan, ask once, then go cluster by cluster' -r
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from use" -l parallel -d 'With several contexts: how many clusters to work on at once' -r
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from use" -l url -d 'Cluster URL, e.g. https://es.example.com:9200' -r
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from use" -l cloud-id -d 'Elastic Cloud ID (instead of --url)' -r
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from use" -l api-key -d 'API key: the encoded form, or ID:KEY. Prefer ESOPS_API_KEY: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from use" -l user -d 'User for basic authentication' -r
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from use" -l password -d 'Password for basic authentication. Prefer ESOPS_PASSWORD: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from use" -l bearer-token -d 'Bearer token (service account token, OAuth2 access token, JWT)' -r
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from use" -l ca-cert -d 'PEM file with the CA that signed the cluster\'s certificate (trusted in addition to the system store)' -r -F
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from use" -l ca-fingerprint -d 'Trust the cluster by the SHA-256 fingerprint of its CA (or certificate), as Elasticsearch prints it at first start' -r
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from use" -l client-cert -d 'PEM client certificate for mutual TLS (with --client-key)' -r -F
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from use" -l client-key -d 'PEM private key of the client certificate (unencrypted)' -r -F
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from use" -s H -l header -d 'Extra request header, `Name: value` (repeatable); `@FILE` reads `Name: value` lines from FILE' -r
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from use" -l proxy -d 'HTTP(S) proxy URL (default: ESOPS_PROXY, the context\'s `proxy`, then HTTPS_PROXY/HTTP_PROXY/ALL_PROXY with NO_PROXY)' -r
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from use" -l aws-region -d 'AWS region to sign for (default: ESOPS_AWS_REGION, AWS_REGION, the context, the *.amazonaws.com URL)' -r
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from use" -l aws-service -d 'AWS signing service: es (OpenSearch Service, Elasticsearch Service) or aoss (Serverless)' -r
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from use" -l aws-profile -d 'Profile of the AWS config files to take credentials from (instead of AWS_PROFILE)' -r
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from use" -l timeout -d 'Timeout of each request, connecting and reading the whole answer included (e.g. 30s, 2m)' -r
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from use" -l deadline -d 'Bound on the whole run (e.g. 5m): no request starts after it and one under way is cut off; the command then says what it did and what it left undone' -r
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from use" -l color -d 'When to use colour' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always'
never\t'Never'"
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from use" -l all-contexts -d 'Run on every context of the config file (as several --context)'
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from use" -l keep-going -d 'With several contexts, for commands that change clusters: go on past a cluster that cannot be planned or fails (default: change nothing when one cannot be planned; stop at the first failure)'
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from use" -l insecure -d 'Do not verify the cluster\'s TLS certificate. Dangerous: for a one-off diagnosis only'
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from use" -l no-proxy -d 'Connect directly, whatever proxy the environment or the context names'
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from use" -l aws-sigv4 -d 'Sign requests with AWS SigV4 (Amazon OpenSearch Service, OpenSearch Serverless); credentials from the AWS SDK\'s chain'
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from use" -l sandbox -d 'Run against a fresh in-process sandbox cluster instead of a real one'
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from use" -s v -l verbose -d 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)'
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from use" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from use" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from show" -s o -l output -d 'Output format' -r -f -a "table\t'Aligned text for people'
json\t'JSON (stable field names)'
yaml\t'YAML'"
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from show" -l context -d 'Use this context of the config file (default: ESOPS_CONTEXT, then `current_context`). Several (`a,b`, or a pattern such as `prod-*`): read-only commands print one report; commands that change clusters show every plan, ask once, then go cluster by cluster' -r
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from show" -l parallel -d 'With several contexts: how many clusters to work on at once' -r
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from show" -l url -d 'Cluster URL, e.g. https://es.example.com:9200' -r
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from show" -l cloud-id -d 'Elastic Cloud ID (instead of --url)' -r
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from show" -l api-key -d 'API key: the encoded form, or ID:KEY. Prefer ESOPS_API_KEY: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from show" -l user -d 'User for basic authentication' -r
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from show" -l password -d 'Password for basic authentication. Prefer ESOPS_PASSWORD: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from show" -l bearer-token -d 'Bearer token (service account token, OAuth2 access token, JWT)' -r
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from show" -l ca-cert -d 'PEM file with the CA that signed the cluster\'s certificate (trusted in addition to the system store)' -r -F
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from show" -l ca-fingerprint -d 'Trust the cluster by the SHA-256 fingerprint of its CA (or certificate), as Elasticsearch prints it at first start' -r
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from show" -l client-cert -d 'PEM client certificate for mutual TLS (with --client-key)' -r -F
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from show" -l client-key -d 'PEM private key of the client certificate (unencrypted)' -r -F
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from show" -s H -l header -d 'Extra request header, `Name: value` (repeatable); `@FILE` reads `Name: value` lines from FILE' -r
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from show" -l proxy -d 'HTTP(S) proxy URL (default: ESOPS_PROXY, the context\'s `proxy`, then HTTPS_PROXY/HTTP_PROXY/ALL_PROXY with NO_PROXY)' -r
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from show" -l aws-region -d 'AWS region to sign for (default: ESOPS_AWS_REGION, AWS_REGION, the context, the *.amazonaws.com URL)' -r
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from show" -l aws-service -d 'AWS signing service: es (OpenSearch Service, Elasticsearch Service) or aoss (Serverless)' -r
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from show" -l aws-profile -d 'Profile of the AWS config files to take credentials from (instead of AWS_PROFILE)' -r
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from show" -l timeout -d 'Timeout of each request, connecting and reading the whole answer included (e.g. 30s, 2m)' -r
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from show" -l deadline -d 'Bound on the whole run (e.g. 5m): no request starts after it and one under way is cut off; the command then says what it did and what it left undone' -r
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from show" -l color -d 'When to use colour' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always'
never\t'Never'"
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from show" -l all-contexts -d 'Run on every context of the config file (as several --context)'
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from show" -l keep-going -d 'With several contexts, for commands that change clusters: go on past a cluster that cannot be planned or fails (default: change nothing when one cannot be planned; stop at the first failure)'
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from show" -l insecure -d 'Do not verify the cluster\'s TLS certificate. Dangerous: for a one-off diagnosis only'
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from show" -l no-proxy -d 'Connect directly, whatever proxy the environment or the context names'
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from show" -l aws-sigv4 -d 'Sign requests with AWS SigV4 (Amazon OpenSearch Service, OpenSearch Serverless); credentials from the AWS SDK\'s chain'
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from show" -l sandbox -d 'Run against a fresh in-process sandbox cluster instead of a real one'
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from show" -s v -l verbose -d 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)'
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the contexts of the config file; the current one is marked with `*`'
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from help" -f -a "use" -d 'Make NAME the current context (rewrites `current_context` in the config file)'
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show every resolved connection setting and where it came from (secrets redacted)'
complete -c esops -n "__fish_esops_using_subcommand context; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c esops -n "__fish_esops_using_subcommand validate" -l assume-existing -d 'Take KIND/NAME as existing on the cluster though the tree does not declare it (e.g. ilm_policy/shared-logs; `*` allowed in NAME; repeatable)' -r
complete -c esops -n "__fish_esops_using_subcommand validate" -s o -l output -d 'Output format: table (messages on stderr) or json/yaml (a list of diagnostics on stdout)' -r -f -a "table\t'Aligned text for people'
json\t'JSON (stable field names)'
yaml\t'YAML'"
complete -c esops -n "__fish_esops_using_subcommand validate" -l target -d 'The distribution to check for: opensearch checks the translation of ILM policies to ISM' -r -f -a "elasticsearch\t'Elasticsearch (ILM)'
opensearch\t'OpenSearch (ISM): ILM policies become ISM policies attached with ism_template'"
complete -c esops -n "__fish_esops_using_subcommand validate" -l context -d 'Use this context of the config file (default: ESOPS_CONTEXT, then `current_context`). Several (`a,b`, or a pattern such as `prod-*`): read-only commands print one report; commands that change clusters show every plan, ask once, then go cluster by cluster' -r
complete -c esops -n "__fish_esops_using_subcommand validate" -l parallel -d 'With several contexts: how many clusters to work on at once' -r
complete -c esops -n "__fish_esops_using_subcommand validate" -l url -d 'Cluster URL, e.g. https://es.example.com:9200' -r
complete -c esops -n "__fish_esops_using_subcommand validate" -l cloud-id -d 'Elastic Cloud ID (instead of --url)' -r
complete -c esops -n "__fish_esops_using_subcommand validate" -l api-key -d 'API key: the encoded form, or ID:KEY. Prefer ESOPS_API_KEY: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand validate" -l user -d 'User for basic authentication' -r
complete -c esops -n "__fish_esops_using_subcommand validate" -l password -d 'Password for basic authentication. Prefer ESOPS_PASSWORD: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand validate" -l bearer-token -d 'Bearer token (service account token, OAuth2 access token, JWT)' -r
complete -c esops -n "__fish_esops_using_subcommand validate" -l ca-cert -d 'PEM file with the CA that signed the cluster\'s certificate (trusted in addition to the system store)' -r -F
complete -c esops -n "__fish_esops_using_subcommand validate" -l ca-fingerprint -d 'Trust the cluster by the SHA-256 fingerprint of its CA (or certificate), as Elasticsearch prints it at first start' -r
complete -c esops -n "__fish_esops_using_subcommand validate" -l client-cert -d 'PEM client certificate for mutual TLS (with --client-key)' -r -F
complete -c esops -n "__fish_esops_using_subcommand validate" -l client-key -d 'PEM private key of the client certificate (unencrypted)' -r -F
complete -c esops -n "__fish_esops_using_subcommand validate" -s H -l header -d 'Extra request header, `Name: value` (repeatable); `@FILE` reads `Name: value` lines from FILE' -r
complete -c esops -n "__fish_esops_using_subcommand validate" -l proxy -d 'HTTP(S) proxy URL (default: ESOPS_PROXY, the context\'s `proxy`, then HTTPS_PROXY/HTTP_PROXY/ALL_PROXY with NO_PROXY)' -r
complete -c esops -n "__fish_esops_using_subcommand validate" -l aws-region -d 'AWS region to sign for (default: ESOPS_AWS_REGION, AWS_REGION, the context, the *.amazonaws.com URL)' -r
complete -c esops -n "__fish_esops_using_subcommand validate" -l aws-service -d 'AWS signing service: es (OpenSearch Service, Elasticsearch Service) or aoss (Serverless)' -r
complete -c esops -n "__fish_esops_using_subcommand validate" -l aws-profile -d 'Profile of the AWS config files to take credentials from (instead of AWS_PROFILE)' -r
complete -c esops -n "__fish_esops_using_subcommand validate" -l timeout -d 'Timeout of each request, connecting and reading the whole answer included (e.g. 30s, 2m)' -r
complete -c esops -n "__fish_esops_using_subcommand validate" -l deadline -d 'Bound on the whole run (e.g. 5m): no request starts after it and one under way is cut off; the command then says what it did and what it left undone' -r
complete -c esops -n "__fish_esops_using_subcommand validate" -l color -d 'When to use colour' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always'
never\t'Never'"
complete -c esops -n "__fish_esops_using_subcommand validate" -l all-contexts -d 'Run on every context of the config file (as several --context)'
complete -c esops -n "__fish_esops_using_subcommand validate" -l keep-going -d 'With several contexts, for commands that change clusters: go on past a cluster that cannot be planned or fails (default: change nothing when one cannot be planned; stop at the first failure)'
complete -c esops -n "__fish_esops_using_subcommand validate" -l insecure -d 'Do not verify the cluster\'s TLS certificate. Dangerous: for a one-off diagnosis only'
complete -c esops -n "__fish_esops_using_subcommand validate" -l no-proxy -d 'Connect directly, whatever proxy the environment or the context names'
complete -c esops -n "__fish_esops_using_subcommand validate" -l aws-sigv4 -d 'Sign requests with AWS SigV4 (Amazon OpenSearch Service, OpenSearch Serverless); credentials from the AWS SDK\'s chain'
complete -c esops -n "__fish_esops_using_subcommand validate" -l sandbox -d 'Run against a fresh in-process sandbox cluster instead of a real one'
complete -c esops -n "__fish_esops_using_subcommand validate" -s v -l verbose -d 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)'
complete -c esops -n "__fish_esops_using_subcommand validate" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c esops -n "__fish_esops_using_subcommand validate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esops -n "__fish_esops_using_subcommand render" -l assume-existing -d 'Take KIND/NAME as existing on the cluster though the tree does not declare it (e.g. ilm_policy/shared-logs; `*` allowed in NAME; repeatable)' -r
complete -c esops -n "__fish_esops_using_subcommand render" -s o -l output -d 'Output format (json is byte for byte what is sent)' -r -f -a "yaml\t'One YAML document per request'
json\t'A JSON list of requests'"
complete -c esops -n "__fish_esops_using_subcommand render" -l target -d 'The distribution to render for: opensearch renders ILM policies as ISM policies' -r -f -a "elasticsearch\t'Elasticsearch (ILM)'
opensearch\t'OpenSearch (ISM): ILM policies become ISM policies attached with ism_template'"
complete -c esops -n "__fish_esops_using_subcommand render" -l context -d 'Use this context of the config file (default: ESOPS_CONTEXT, then `current_context`). Several (`a,b`, or a pattern such as `prod-*`): read-only commands print one report; commands that change clusters show every plan, ask once, then go cluster by cluster' -r
complete -c esops -n "__fish_esops_using_subcommand render" -l parallel -d 'With several contexts: how many clusters to work on at once' -r
complete -c esops -n "__fish_esops_using_subcommand render" -l url -d 'Cluster URL, e.g. https://es.example.com:9200' -r
complete -c esops -n "__fish_esops_using_subcommand render" -l cloud-id -d 'Elastic Cloud ID (instead of --url)' -r
complete -c esops -n "__fish_esops_using_subcommand render" -l api-key -d 'API key: the encoded form, or ID:KEY. Prefer ESOPS_API_KEY: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand render" -l user -d 'User for basic authentication' -r
complete -c esops -n "__fish_esops_using_subcommand render" -l password -d 'Password for basic authentication. Prefer ESOPS_PASSWORD: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand render" -l bearer-token -d 'Bearer token (service account token, OAuth2 access token, JWT)' -r
complete -c esops -n "__fish_esops_using_subcommand render" -l ca-cert -d 'PEM file with the CA that signed the cluster\'s certificate (trusted in addition to the system store)' -r -F
complete -c esops -n "__fish_esops_using_subcommand render" -l ca-fingerprint -d 'Trust the cluster by the SHA-256 fingerprint of its CA (or certificate), as Elasticsearch prints it at first start' -r
complete -c esops -n "__fish_esops_using_subcommand render" -l client-cert -d 'PEM client certificate for mutual TLS (with --client-key)' -r -F
complete -c esops -n "__fish_esops_using_subcommand render" -l client-key -d 'PEM private key of the client certificate (unencrypted)' -r -F
complete -c esops -n "__fish_esops_using_subcommand render" -s H -l header -d 'Extra request header, `Name: value` (repeatable); `@FILE` reads `Name: value` lines from FILE' -r
complete -c esops -n "__fish_esops_using_subcommand render" -l proxy -d 'HTTP(S) proxy URL (default: ESOPS_PROXY, the context\'s `proxy`, then HTTPS_PROXY/HTTP_PROXY/ALL_PROXY with NO_PROXY)' -r
complete -c esops -n "__fish_esops_using_subcommand render" -l aws-region -d 'AWS region to sign for (default: ESOPS_AWS_REGION, AWS_REGION, the context, the *.amazonaws.com URL)' -r
complete -c esops -n "__fish_esops_using_subcommand render" -l aws-service -d 'AWS signing service: es (OpenSearch Service, Elasticsearch Service) or aoss (Serverless)' -r
complete -c esops -n "__fish_esops_using_subcommand render" -l aws-profile -d 'Profile of the AWS config files to take credentials from (instead of AWS_PROFILE)' -r
complete -c esops -n "__fish_esops_using_subcommand render" -l timeout -d 'Timeout of each request, connecting and reading the whole answer included (e.g. 30s, 2m)' -r
complete -c esops -n "__fish_esops_using_subcommand render" -l deadline -d 'Bound on the whole run (e.g. 5m): no request starts after it and one under way is cut off; the command then says what it did and what it left undone' -r
complete -c esops -n "__fish_esops_using_subcommand render" -l color -d 'When to use colour' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always'
never\t'Never'"
complete -c esops -n "__fish_esops_using_subcommand render" -l all-contexts -d 'Run on every context of the config file (as several --context)'
complete -c esops -n "__fish_esops_using_subcommand render" -l keep-going -d 'With several contexts, for commands that change clusters: go on past a cluster that cannot be planned or fails (default: change nothing when one cannot be planned; stop at the first failure)'
complete -c esops -n "__fish_esops_using_subcommand render" -l insecure -d 'Do not verify the cluster\'s TLS certificate. Dangerous: for a one-off diagnosis only'
complete -c esops -n "__fish_esops_using_subcommand render" -l no-proxy -d 'Connect directly, whatever proxy the environment or the context names'
complete -c esops -n "__fish_esops_using_subcommand render" -l aws-sigv4 -d 'Sign requests with AWS SigV4 (Amazon OpenSearch Service, OpenSearch Serverless); credentials from the AWS SDK\'s chain'
complete -c esops -n "__fish_esops_using_subcommand render" -l sandbox -d 'Run against a fresh in-process sandbox cluster instead of a real one'
complete -c esops -n "__fish_esops_using_subcommand render" -s v -l verbose -d 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)'
complete -c esops -n "__fish_esops_using_subcommand render" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c esops -n "__fish_esops_using_subcommand render" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esops -n "__fish_esops_using_subcommand plan" -l assume-existing -d 'Take KIND/NAME as existing on the cluster though the tree does not declare it (e.g. ilm_policy/shared-logs; `*` allowed in NAME; repeatable)' -r
complete -c esops -n "__fish_esops_using_subcommand plan" -l out -d 'Also save the plan to FILE (JSON, created 0600); `esops apply FILE` then carries out exactly that plan, or refuses if the cluster no longer matches it' -r -F
complete -c esops -n "__fish_esops_using_subcommand plan" -s o -l output -d 'Output format' -r -f -a "table\t'One line per change, for a terminal'
json\t'JSON (stable, documented schema)'
markdown\t'Markdown, for a pull-request comment'"
complete -c esops -n "__fish_esops_using_subcommand plan" -l now -d 'Compute the impact on existing indices as of this time (RFC 3339), instead of now' -r
complete -c esops -n "__fish_esops_using_subcommand plan" -l context -d 'Use this context of the config file (default: ESOPS_CONTEXT, then `current_context`). Several (`a,b`, or a pattern such as `prod-*`): read-only commands print one report; commands that change clusters show every plan, ask once, then go cluster by cluster' -r
complete -c esops -n "__fish_esops_using_subcommand plan" -l parallel -d 'With several contexts: how many clusters to work on at once' -r
complete -c esops -n "__fish_esops_using_subcommand plan" -l url -d 'Cluster URL, e.g. https://es.example.com:9200' -r
complete -c esops -n "__fish_esops_using_subcommand plan" -l cloud-id -d 'Elastic Cloud ID (instead of --url)' -r
complete -c esops -n "__fish_esops_using_subcommand plan" -l api-key -d 'API key: the encoded form, or ID:KEY. Prefer ESOPS_API_KEY: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand plan" -l user -d 'User for basic authentication' -r
complete -c esops -n "__fish_esops_using_subcommand plan" -l password -d 'Password for basic authentication. Prefer ESOPS_PASSWORD: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand plan" -l bearer-token -d 'Bearer token (service account token, OAuth2 access token, JWT)' -r
complete -c esops -n "__fish_esops_using_subcommand plan" -l ca-cert -d 'PEM file with the CA that signed the cluster\'s certificate (trusted in addition to the system store)' -r -F
complete -c esops -n "__fish_esops_using_subcommand plan" -l ca-fingerprint -d 'Trust the cluster by the SHA-256 fingerprint of its CA (or certificate), as Elasticsearch prints it at first start' -r
complete -c esops -n "__fish_esops_using_subcommand plan" -l client-cert -d 'PEM client certificate for mutual TLS (with --client-key)' -r -F
complete -c esops -n "__fish_esops_using_subcommand plan" -l client-key -d 'PEM private key of the client certificate (unencrypted)' -r -F
complete -c esops -n "__fish_esops_using_subcommand plan" -s H -l header -d 'Extra request header, `Name: value` (repeatable); `@FILE` reads `Name: value` lines from FILE' -r
complete -c esops -n "__fish_esops_using_subcommand plan" -l proxy -d 'HTTP(S) proxy URL (default: ESOPS_PROXY, the context\'s `proxy`, then HTTPS_PROXY/HTTP_PROXY/ALL_PROXY with NO_PROXY)' -r
complete -c esops -n "__fish_esops_using_subcommand plan" -l aws-region -d 'AWS region to sign for (default: ESOPS_AWS_REGION, AWS_REGION, the context, the *.amazonaws.com URL)' -r
complete -c esops -n "__fish_esops_using_subcommand plan" -l aws-service -d 'AWS signing service: es (OpenSearch Service, Elasticsearch Service) or aoss (Serverless)' -r
complete -c esops -n "__fish_esops_using_subcommand plan" -l aws-profile -d 'Profile of the AWS config files to take credentials from (instead of AWS_PROFILE)' -r
complete -c esops -n "__fish_esops_using_subcommand plan" -l timeout -d 'Timeout of each request, connecting and reading the whole answer included (e.g. 30s, 2m)' -r
complete -c esops -n "__fish_esops_using_subcommand plan" -l deadline -d 'Bound on the whole run (e.g. 5m): no request starts after it and one under way is cut off; the command then says what it did and what it left undone' -r
complete -c esops -n "__fish_esops_using_subcommand plan" -l color -d 'When to use colour' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always'
never\t'Never'"
complete -c esops -n "__fish_esops_using_subcommand plan" -l prune -d 'Also delete resources marked `_meta.managed_by: esops` that the tree no longer declares'
complete -c esops -n "__fish_esops_using_subcommand plan" -l detailed-exitcode -d 'Exit 2 when there are changes (0 when there are none, 1 on errors)'
complete -c esops -n "__fish_esops_using_subcommand plan" -l all-contexts -d 'Run on every context of the config file (as several --context)'
complete -c esops -n "__fish_esops_using_subcommand plan" -l keep-going -d 'With several contexts, for commands that change clusters: go on past a cluster that cannot be planned or fails (default: change nothing when one cannot be planned; stop at the first failure)'
complete -c esops -n "__fish_esops_using_subcommand plan" -l insecure -d 'Do not verify the cluster\'s TLS certificate. Dangerous: for a one-off diagnosis only'
complete -c esops -n "__fish_esops_using_subcommand plan" -l no-proxy -d 'Connect directly, whatever proxy the environment or the context names'
complete -c esops -n "__fish_esops_using_subcommand plan" -l aws-sigv4 -d 'Sign requests with AWS SigV4 (Amazon OpenSearch Service, OpenSearch Serverless); credentials from the AWS SDK\'s chain'
complete -c esops -n "__fish_esops_using_subcommand plan" -l sandbox -d 'Run against a fresh in-process sandbox cluster instead of a real one'
complete -c esops -n "__fish_esops_using_subcommand plan" -s v -l verbose -d 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)'
complete -c esops -n "__fish_esops_using_subcommand plan" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c esops -n "__fish_esops_using_subcommand plan" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esops -n "__fish_esops_using_subcommand apply" -l assume-existing -d 'Take KIND/NAME as existing on the cluster though the tree does not declare it (e.g. ilm_policy/shared-logs; `*` allowed in NAME; repeatable)' -r
complete -c esops -n "__fish_esops_using_subcommand apply" -l now -d 'Compute the impact on existing indices as of this time (RFC 3339), instead of now' -r
complete -c esops -n "__fish_esops_using_subcommand apply" -l context -d 'Use this context of the config file (default: ESOPS_CONTEXT, then `current_context`). Several (`a,b`, or a pattern such as `prod-*`): read-only commands print one report; commands that change clusters show every plan, ask once, then go cluster by cluster' -r
complete -c esops -n "__fish_esops_using_subcommand apply" -l parallel -d 'With several contexts: how many clusters to work on at once' -r
complete -c esops -n "__fish_esops_using_subcommand apply" -l url -d 'Cluster URL, e.g. https://es.example.com:9200' -r
complete -c esops -n "__fish_esops_using_subcommand apply" -l cloud-id -d 'Elastic Cloud ID (instead of --url)' -r
complete -c esops -n "__fish_esops_using_subcommand apply" -l api-key -d 'API key: the encoded form, or ID:KEY. Prefer ESOPS_API_KEY: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand apply" -l user -d 'User for basic authentication' -r
complete -c esops -n "__fish_esops_using_subcommand apply" -l password -d 'Password for basic authentication. Prefer ESOPS_PASSWORD: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand apply" -l bearer-token -d 'Bearer token (service account token, OAuth2 access token, JWT)' -r
complete -c esops -n "__fish_esops_using_subcommand apply" -l ca-cert -d 'PEM file with the CA that signed the cluster\'s certificate (trusted in addition to the system store)' -r -F
complete -c esops -n "__fish_esops_using_subcommand apply" -l ca-fingerprint -d 'Trust the cluster by the SHA-256 fingerprint of its CA (or certificate), as Elasticsearch prints it at first start' -r
complete -c esops -n "__fish_esops_using_subcommand apply" -l client-cert -d 'PEM client certificate for mutual TLS (with --client-key)' -r -F
complete -c esops -n "__fish_esops_using_subcommand apply" -l client-key -d 'PEM private key of the client certificate (unencrypted)' -r -F
complete -c esops -n "__fish_esops_using_subcommand apply" -s H -l header -d 'Extra request header, `Name: value` (repeatable); `@FILE` reads `Name: value` lines from FILE' -r
complete -c esops -n "__fish_esops_using_subcommand apply" -l proxy -d 'HTTP(S) proxy URL (default: ESOPS_PROXY, the context\'s `proxy`, then HTTPS_PROXY/HTTP_PROXY/ALL_PROXY with NO_PROXY)' -r
complete -c esops -n "__fish_esops_using_subcommand apply" -l aws-region -d 'AWS region to sign for (default: ESOPS_AWS_REGION, AWS_REGION, the context, the *.amazonaws.com URL)' -r
complete -c esops -n "__fish_esops_using_subcommand apply" -l aws-service -d 'AWS signing service: es (OpenSearch Service, Elasticsearch Service) or aoss (Serverless)' -r
complete -c esops -n "__fish_esops_using_subcommand apply" -l aws-profile -d 'Profile of the AWS config files to take credentials from (instead of AWS_PROFILE)' -r
complete -c esops -n "__fish_esops_using_subcommand apply" -l timeout -d 'Timeout of each request, connecting and reading the whole answer included (e.g. 30s, 2m)' -r
complete -c esops -n "__fish_esops_using_subcommand apply" -l deadline -d 'Bound on the whole run (e.g. 5m): no request starts after it and one under way is cut off; the command then says what it did and what it left undone' -r
complete -c esops -n "__fish_esops_using_subcommand apply" -l color -d 'When to use colour' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always'
never\t'Never'"
complete -c esops -n "__fish_esops_using_subcommand apply" -l prune -d 'Also delete resources marked `_meta.managed_by: esops` that the tree no longer declares'
complete -c esops -n "__fish_esops_using_subcommand apply" -s y -l yes -d 'Apply without asking (required when stdin or stdout is not a terminal, as in CI)'
complete -c esops -n "__fish_esops_using_subcommand apply" -l all-contexts -d 'Run on every context of the config file (as several --context)'
complete -c esops -n "__fish_esops_using_subcommand apply" -l keep-going -d 'With several contexts, for commands that change clusters: go on past a cluster that cannot be planned or fails (default: change nothing when one cannot be planned; stop at the first failure)'
complete -c esops -n "__fish_esops_using_subcommand apply" -l insecure -d 'Do not verify the cluster\'s TLS certificate. Dangerous: for a one-off diagnosis only'
complete -c esops -n "__fish_esops_using_subcommand apply" -l no-proxy -d 'Connect directly, whatever proxy the environment or the context names'
complete -c esops -n "__fish_esops_using_subcommand apply" -l aws-sigv4 -d 'Sign requests with AWS SigV4 (Amazon OpenSearch Service, OpenSearch Serverless); credentials from the AWS SDK\'s chain'
complete -c esops -n "__fish_esops_using_subcommand apply" -l sandbox -d 'Run against a fresh in-process sandbox cluster instead of a real one'
complete -c esops -n "__fish_esops_using_subcommand apply" -s v -l verbose -d 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)'
complete -c esops -n "__fish_esops_using_subcommand apply" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c esops -n "__fish_esops_using_subcommand apply" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esops -n "__fish_esops_using_subcommand export" -l kind -d 'Only this kind (repeatable): cluster_settings, snapshot_repository, slm_policy, ilm_policy, component_template, index_template, ingest_pipeline' -r
complete -c esops -n "__fish_esops_using_subcommand export" -l out -d 'Write one file per resource under DIR (DIR/ilm_policy/NAME.yaml, …) instead of one YAML stream on stdout' -r -F
complete -c esops -n "__fish_esops_using_subcommand export" -l context -d 'Use this context of the config file (default: ESOPS_CONTEXT, then `current_context`). Several (`a,b`, or a pattern such as `prod-*`): read-only commands print one report; commands that change clusters show every plan, ask once, then go cluster by cluster' -r
complete -c esops -n "__fish_esops_using_subcommand export" -l parallel -d 'With several contexts: how many clusters to work on at once' -r
complete -c esops -n "__fish_esops_using_subcommand export" -l url -d 'Cluster URL, e.g. https://es.example.com:9200' -r
complete -c esops -n "__fish_esops_using_subcommand export" -l cloud-id -d 'Elastic Cloud ID (instead of --url)' -r
complete -c esops -n "__fish_esops_using_subcommand export" -l api-key -d 'API key: the encoded form, or ID:KEY. Prefer ESOPS_API_KEY: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand export" -l user -d 'User for basic authentication' -r
complete -c esops -n "__fish_esops_using_subcommand export" -l password -d 'Password for basic authentication. Prefer ESOPS_PASSWORD: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand export" -l bearer-token -d 'Bearer token (service account token, OAuth2 access token, JWT)' -r
complete -c esops -n "__fish_esops_using_subcommand export" -l ca-cert -d 'PEM file with the CA that signed the cluster\'s certificate (trusted in addition to the system store)' -r -F
complete -c esops -n "__fish_esops_using_subcommand export" -l ca-fingerprint -d 'Trust the cluster by the SHA-256 fingerprint of its CA (or certificate), as Elasticsearch prints it at first start' -r
complete -c esops -n "__fish_esops_using_subcommand export" -l client-cert -d 'PEM client certificate for mutual TLS (with --client-key)' -r -F
complete -c esops -n "__fish_esops_using_subcommand export" -l client-key -d 'PEM private key of the client certificate (unencrypted)' -r -F
complete -c esops -n "__fish_esops_using_subcommand export" -s H -l header -d 'Extra request header, `Name: value` (repeatable); `@FILE` reads `Name: value` lines from FILE' -r
complete -c esops -n "__fish_esops_using_subcommand export" -l proxy -d 'HTTP(S) proxy URL (default: ESOPS_PROXY, the context\'s `proxy`, then HTTPS_PROXY/HTTP_PROXY/ALL_PROXY with NO_PROXY)' -r
complete -c esops -n "__fish_esops_using_subcommand export" -l aws-region -d 'AWS region to sign for (default: ESOPS_AWS_REGION, AWS_REGION, the context, the *.amazonaws.com URL)' -r
complete -c esops -n "__fish_esops_using_subcommand export" -l aws-service -d 'AWS signing service: es (OpenSearch Service, Elasticsearch Service) or aoss (Serverless)' -r
complete -c esops -n "__fish_esops_using_subcommand export" -l aws-profile -d 'Profile of the AWS config files to take credentials from (instead of AWS_PROFILE)' -r
complete -c esops -n "__fish_esops_using_subcommand export" -l timeout -d 'Timeout of each request, connecting and reading the whole answer included (e.g. 30s, 2m)' -r
complete -c esops -n "__fish_esops_using_subcommand export" -l deadline -d 'Bound on the whole run (e.g. 5m): no request starts after it and one under way is cut off; the command then says what it did and what it left undone' -r
complete -c esops -n "__fish_esops_using_subcommand export" -l color -d 'When to use colour' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always'
never\t'Never'"
complete -c esops -n "__fish_esops_using_subcommand export" -l include-managed -d 'Also Elastic\'s own resources (`_meta.managed: true`, names starting with `.`)'
complete -c esops -n "__fish_esops_using_subcommand export" -l force -d 'With --out: overwrite files that exist'
complete -c esops -n "__fish_esops_using_subcommand export" -l all-contexts -d 'Run on every context of the config file (as several --context)'
complete -c esops -n "__fish_esops_using_subcommand export" -l keep-going -d 'With several contexts, for commands that change clusters: go on past a cluster that cannot be planned or fails (default: change nothing when one cannot be planned; stop at the first failure)'
complete -c esops -n "__fish_esops_using_subcommand export" -l insecure -d 'Do not verify the cluster\'s TLS certificate. Dangerous: for a one-off diagnosis only'
complete -c esops -n "__fish_esops_using_subcommand export" -l no-proxy -d 'Connect directly, whatever proxy the environment or the context names'
complete -c esops -n "__fish_esops_using_subcommand export" -l aws-sigv4 -d 'Sign requests with AWS SigV4 (Amazon OpenSearch Service, OpenSearch Serverless); credentials from the AWS SDK\'s chain'
complete -c esops -n "__fish_esops_using_subcommand export" -l sandbox -d 'Run against a fresh in-process sandbox cluster instead of a real one'
complete -c esops -n "__fish_esops_using_subcommand export" -s v -l verbose -d 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)'
complete -c esops -n "__fish_esops_using_subcommand export" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c esops -n "__fish_esops_using_subcommand export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esops -n "__fish_esops_using_subcommand pipeline; and not __fish_seen_subcommand_from test help" -l context -d 'Use this context of the config file (default: ESOPS_CONTEXT, then `current_context`). Several (`a,b`, or a pattern such as `prod-*`): read-only commands print one report; commands that change clusters show every plan, ask once, then go cluster by cluster' -r
complete -c esops -n "__fish_esops_using_subcommand pipeline; and not __fish_seen_subcommand_from test help" -l parallel -d 'With several contexts: how many clusters to work on at once' -r
complete -c esops -n "__fish_esops_using_subcommand pipeline; and not __fish_seen_subcommand_from test help" -l url -d 'Cluster URL, e.g. https://es.example.com:9200' -r
complete -c esops -n "__fish_esops_using_subcommand pipeline; and not __fish_seen_subcommand_from test help" -l cloud-id -d 'Elastic Cloud ID (instead of --url)' -r
complete -c esops -n "__fish_esops_using_subcommand pipeline; and not __fish_seen_subcommand_from test help" -l api-key -d 'API key: the encoded form, or ID:KEY. Prefer ESOPS_API_KEY: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand pipeline; and not __fish_seen_subcommand_from test help" -l user -d 'User for basic authentication' -r
complete -c esops -n "__fish_esops_using_subcommand pipeline; and not __fish_seen_subcommand_from test help" -l password -d 'Password for basic authentication. Prefer ESOPS_PASSWORD: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand pipeline; and not __fish_seen_subcommand_from test help" -l bearer-token -d 'Bearer token (service account token, OAuth2 access token, JWT)' -r
complete -c esops -n "__fish_esops_using_subcommand pipeline; and not __fish_seen_subcommand_from test help" -l ca-cert -d 'PEM file with the CA that signed the cluster\'s certificate (trusted in addition to the system store)' -r -F
complete -c esops -n "__fish_esops_using_subcommand pipeline; and not __fish_seen_subcommand_from test help" -l ca-fingerprint -d 'Trust the cluster by the SHA-256 fingerprint of its CA (or certificate), as Elasticsearch prints it at first start' -r
complete -c esops -n "__fish_esops_using_subcommand pipeline; and not __fish_seen_subcommand_from test help" -l client-cert -d 'PEM client certificate for mutual TLS (with --client-key)' -r -F
complete -c esops -n "__fish_esops_using_subcommand pipeline; and not __fish_seen_subcommand_from test help" -l client-key -d 'PEM private key of the client certificate (unencrypted)' -r -F
complete -c esops -n "__fish_esops_using_subcommand pipeline; and not __fish_seen_subcommand_from test help" -s H -l header -d 'Extra request header, `Name: value` (repeatable); `@FILE` reads `Name: value` lines from FILE' -r
complete -c esops -n "__fish_esops_using_subcommand pipeline; and not __fish_seen_subcommand_from test help" -l proxy -d 'HTTP(S) proxy URL (default: ESOPS_PROXY, the context\'s `proxy`, then HTTPS_PROXY/HTTP_PROXY/ALL_PROXY with NO_PROXY)' -r
complete -c esops -n "__fish_esops_using_subcommand pipeline; and not __fish_seen_subcommand_from test help" -l aws-region -d 'AWS region to sign for (default: ESOPS_AWS_REGION, AWS_REGION, the context, the *.amazonaws.com URL)' -r
complete -c esops -n "__fish_esops_using_subcommand pipeline; and not __fish_seen_subcommand_from test help" -l aws-service -d 'AWS signing service: es (OpenSearch Service, Elasticsearch Service) or aoss (Serverless)' -r
complete -c esops -n "__fish_esops_using_subcommand pipeline; and not __fish_seen_subcommand_from test help" -l aws-profile -d 'Profile of the AWS config files to take credentials from (instead of AWS_PROFILE)' -r
complete -c esops -n "__fish_esops_using_subcommand pipeline; and not __fish_seen_subcommand_from test help" -l timeout -d 'Timeout of each request, connecting and reading the whole answer included (e.g. 30s, 2m)' -r
complete -c esops -n "__fish_esops_using_subcommand pipeline; and not __fish_seen_subcommand_from test help" -l deadline -d 'Bound on the whole run (e.g. 5m): no request starts after it and one under way is cut off; the command then says what it did and what it left undone' -r
complete -c esops -n "__fish_esops_using_subcommand pipeline; and not __fish_seen_subcommand_from test help" -l color -d 'When to use colour' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always'
never\t'Never'"
complete -c esops -n "__fish_esops_using_subcommand pipeline; and not __fish_seen_subcommand_from test help" -l all-contexts -d 'Run on every context of the config file (as several --context)'
complete -c esops -n "__fish_esops_using_subcommand pipeline; and not __fish_seen_subcommand_from test help" -l keep-going -d 'With several contexts, for commands that change clusters: go on past a cluster that cannot be planned or fails (default: change nothing when one cannot be planned; stop at the first failure)'
complete -c esops -n "__fish_esops_using_subcommand pipeline; and not __fish_seen_subcommand_from test help" -l insecure -d 'Do not verify the cluster\'s TLS certificate. Dangerous: for a one-off diagnosis only'
complete -c esops -n "__fish_esops_using_subcommand pipeline; and not __fish_seen_subcommand_from test help" -l no-proxy -d 'Connect directly, whatever proxy the environment or the context names'
complete -c esops -n "__fish_esops_using_subcommand pipeline; and not __fish_seen_subcommand_from test help" -l aws-sigv4 -d 'Sign requests with AWS SigV4 (Amazon OpenSearch Service, OpenSearch Serverless); credentials from the AWS SDK\'s chain'
complete -c esops -n "__fish_esops_using_subcommand pipeline; and not __fish_seen_subcommand_from test help" -l sandbox -d 'Run against a fresh in-process sandbox cluster instead of a real one'
complete -c esops -n "__fish_esops_using_subcommand pipeline; and not __fish_seen_subcommand_from test help" -s v -l verbose -d 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)'
complete -c esops -n "__fish_esops_using_subcommand pipeline; and not __fish_seen_subcommand_from test help" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c esops -n "__fish_esops_using_subcommand pipeline; and not __fish_seen_subcommand_from test help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esops -n "__fish_esops_using_subcommand pipeline; and not __fish_seen_subcommand_from test help" -f -a "test" -d 'Run each pipeline\'s test documents through `_simulate` and compare the results with the expected files'
complete -c esops -n "__fish_esops_using_subcommand pipeline; and not __fish_seen_subcommand_from test help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c esops -n "__fish_esops_using_subcommand pipeline; and __fish_seen_subcommand_from test" -l assume-existing -d 'Take KIND/NAME as existing on the cluster though the tree does not declare it (e.g. ilm_policy/shared-logs; `*` allowed in NAME; repeatable)' -r
complete -c esops -n "__fish_esops_using_subcommand pipeline; and __fish_seen_subcommand_from test" -l pipeline -d 'Only this pipeline (default: every pipeline of the tree that has test cases)' -r
complete -c esops -n "__fish_esops_using_subcommand pipeline; and __fish_seen_subcommand_from test" -l ignore-field -d 'Compare this field by presence only, like event.ingested (repeatable; dotted path)' -r
complete -c esops -n "__fish_esops_using_subcommand pipeline; and __fish_seen_subcommand_from test" -l context -d 'Use this context of the config file (default: ESOPS_CONTEXT, then `current_context`). Several (`a,b`, or a pattern such as `prod-*`): read-only commands print one report; commands that change clusters show every plan, ask once, then go cluster by cluster' -r
complete -c esops -n "__fish_esops_using_subcommand pipeline; and __fish_seen_subcommand_from test" -l parallel -d 'With several contexts: how many clusters to work on at once' -r
complete -c esops -n "__fish_esops_using_subcommand pipeline; and __fish_seen_subcommand_from test" -l url -d 'Cluster URL, e.g. https://es.example.com:9200' -r
complete -c esops -n "__fish_esops_using_subcommand pipeline; and __fish_seen_subcommand_from test" -l cloud-id -d 'Elastic Cloud ID (instead of --url)' -r
complete -c esops -n "__fish_esops_using_subcommand pipeline; and __fish_seen_subcommand_from test" -l api-key -d 'API key: the encoded form, or ID:KEY. Prefer ESOPS_API_KEY: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand pipeline; and __fish_seen_subcommand_from test" -l user -d 'User for basic authentication' -r
complete -c esops -n "__fish_esops_using_subcommand pipeline; and __fish_seen_subcommand_from test" -l password -d 'Password for basic authentication. Prefer ESOPS_PASSWORD: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand pipeline; and __fish_seen_subcommand_from test" -l bearer-token -d 'Bearer token (service account token, OAuth2 access token, JWT)' -r
complete -c esops -n "__fish_esops_using_subcommand pipeline; and __fish_seen_subcommand_from test" -l ca-cert -d 'PEM file with the CA that signed the cluster\'s certificate (trusted in addition to the system store)' -r -F
complete -c esops -n "__fish_esops_using_subcommand pipeline; and __fish_seen_subcommand_from test" -l ca-fingerprint -d 'Trust the cluster by the SHA-256 fingerprint of its CA (or certificate), as Elasticsearch prints it at first start' -r
complete -c esops -n "__fish_esops_using_subcommand pipeline; and __fish_seen_subcommand_from test" -l client-cert -d 'PEM client certificate for mutual TLS (with --client-key)' -r -F
complete -c esops -n "__fish_esops_using_subcommand pipeline; and __fish_seen_subcommand_from test" -l client-key -d 'PEM private key of the client certificate (unencrypted)' -r -F
complete -c esops -n "__fish_esops_using_subcommand pipeline; and __fish_seen_subcommand_from test" -s H -l header -d 'Extra request header, `Name: value` (repeatable); `@FILE` reads `Name: value` lines from FILE' -r
complete -c esops -n "__fish_esops_using_subcommand pipeline; and __fish_seen_subcommand_from test" -l proxy -d 'HTTP(S) proxy URL (default: ESOPS_PROXY, the context\'s `proxy`, then HTTPS_PROXY/HTTP_PROXY/ALL_PROXY with NO_PROXY)' -r
complete -c esops -n "__fish_esops_using_subcommand pipeline; and __fish_seen_subcommand_from test" -l aws-region -d 'AWS region to sign for (default: ESOPS_AWS_REGION, AWS_REGION, the context, the *.amazonaws.com URL)' -r
complete -c esops -n "__fish_esops_using_subcommand pipeline; and __fish_seen_subcommand_from test" -l aws-service -d 'AWS signing service: es (OpenSearch Service, Elasticsearch Service) or aoss (Serverless)' -r
complete -c esops -n "__fish_esops_using_subcommand pipeline; and __fish_seen_subcommand_from test" -l aws-profile -d 'Profile of the AWS config files to take credentials from (instead of AWS_PROFILE)' -r
complete -c esops -n "__fish_esops_using_subcommand pipeline; and __fish_seen_subcommand_from test" -l timeout -d 'Timeout of each request, connecting and reading the whole answer included (e.g. 30s, 2m)' -r
complete -c esops -n "__fish_esops_using_subcommand pipeline; and __fish_seen_subcommand_from test" -l deadline -d 'Bound on the whole run (e.g. 5m): no request starts after it and one under way is cut off; the command then says what it did and what it left undone' -r
complete -c esops -n "__fish_esops_using_subcommand pipeline; and __fish_seen_subcommand_from test" -l color -d 'When to use colour' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always'
never\t'Never'"
complete -c esops -n "__fish_esops_using_subcommand pipeline; and __fish_seen_subcommand_from test" -l from-cluster -d 'Test the pipeline stored on the cluster under the same name instead of the tree\'s'
complete -c esops -n "__fish_esops_using_subcommand pipeline; and __fish_seen_subcommand_from test" -l put-nested -d 'PUT the tree\'s pipelines that the tested one calls, instead of requiring them on the cluster (changes the cluster: for test clusters and sandboxes)'
complete -c esops -n "__fish_esops_using_subcommand pipeline; and __fish_seen_subcommand_from test" -l update -d 'Rewrite the expected files with the results (review the diff before committing)'
complete -c esops -n "__fish_esops_using_subcommand pipeline; and __fish_seen_subcommand_from test" -l all-contexts -d 'Run on every context of the config file (as several --context)'
complete -c esops -n "__fish_esops_using_subcommand pipeline; and __fish_seen_subcommand_from test" -l keep-going -d 'With several contexts, for commands that change clusters: go on past a cluster that cannot be planned or fails (default: change nothing when one cannot be planned; stop at the first failure)'
complete -c esops -n "__fish_esops_using_subcommand pipeline; and __fish_seen_subcommand_from test" -l insecure -d 'Do not verify the cluster\'s TLS certificate. Dangerous: for a one-off diagnosis only'
complete -c esops -n "__fish_esops_using_subcommand pipeline; and __fish_seen_subcommand_from test" -l no-proxy -d 'Connect directly, whatever proxy the environment or the context names'
complete -c esops -n "__fish_esops_using_subcommand pipeline; and __fish_seen_subcommand_from test" -l aws-sigv4 -d 'Sign requests with AWS SigV4 (Amazon OpenSearch Service, OpenSearch Serverless); credentials from the AWS SDK\'s chain'
complete -c esops -n "__fish_esops_using_subcommand pipeline; and __fish_seen_subcommand_from test" -l sandbox -d 'Run against a fresh in-process sandbox cluster instead of a real one'
complete -c esops -n "__fish_esops_using_subcommand pipeline; and __fish_seen_subcommand_from test" -s v -l verbose -d 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)'
complete -c esops -n "__fish_esops_using_subcommand pipeline; and __fish_seen_subcommand_from test" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c esops -n "__fish_esops_using_subcommand pipeline; and __fish_seen_subcommand_from test" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esops -n "__fish_esops_using_subcommand pipeline; and __fish_seen_subcommand_from help" -f -a "test" -d 'Run each pipeline\'s test documents through `_simulate` and compare the results with the expected files'
complete -c esops -n "__fish_esops_using_subcommand pipeline; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c esops -n "__fish_esops_using_subcommand retention" -l older-than -d 'Select indices older than this, e.g. 90d' -r
complete -c esops -n "__fish_esops_using_subcommand retention" -l keep-last -d 'Keep the N newest indices of each family; select the older ones' -r
complete -c esops -n "__fish_esops_using_subcommand retention" -l keep-total-below -d 'Select oldest first until the rest (replicas included) holds less than SIZE, e.g. 2tb — per family, or over every matched index with --total-of matched' -r
complete -c esops -n "__fish_esops_using_subcommand retention" -l total-of -d 'What --keep-total-below counts over' -r -f -a "family\t'Each family on its own'
matched\t'Every matched index together'"
complete -c esops -n "__fish_esops_using_subcommand retention" -l keep-disk-below -d 'Select oldest first, across the matched families, until the fullest data node\'s projected disk use (replicas and shard placement included) is under PCT, e.g. 80' -r
complete -c esops -n "__fish_esops_using_subcommand retention" -l min-age -d 'The floor: never select an index younger than this, whatever the pressure (default 1d, or --older-than when that is shorter)' -r
complete -c esops -n "__fish_esops_using_subcommand retention" -s f -l from -d 'Take patterns and ages from a declared config tree (e.g. `-f policies/`): each index template attaching an ILM policy with a delete phase gives its patterns and the delete `min_age`' -r -F
complete -c esops -n "__fish_esops_using_subcommand retention" -l age-from -d 'Where an index\'s age comes from: the date in its name, or its creation date' -r -f -a "name\t'The date in the index name'
creation\t'The index creation date'"
complete -c esops -n "__fish_esops_using_subcommand retention" -l date-format -d 'The date format in index names (yyyy.MM.dd, yyyy-MM-dd, yyyyMMdd, yyyy.MM, or %Y.%m.%d…); default: inferred per family. Only names ending in a complete date of this format qualify' -r
complete -c esops -n "__fish_esops_using_subcommand retention" -l keep-newest -d 'Never select the N newest indices of each family' -r
complete -c esops -n "__fish_esops_using_subcommand retention" -l now -d 'The time to measure ages against (RFC 3339, e.g. 2024-06-01T00:00:00Z); default: now' -r
complete -c esops -n "__fish_esops_using_subcommand retention" -l plan -d 'With --execute: carry out exactly the plan saved by --plan-out, refusing if the cluster no longer matches it (the selection flags come from the plan)' -r -F
complete -c esops -n "__fish_esops_using_subcommand retention" -l max -d 'Refuse to act on more than N indices' -r
complete -c esops -n "__fish_esops_using_subcommand retention" -l log-file -d 'With --execute: append JSON lines to this file (an audit trail): the intent before each batch, the outcome of each index after it' -r -F
complete -c esops -n "__fish_esops_using_subcommand retention" -l plan-out -d 'Without --execute: save the plan to FILE, for `--execute --plan FILE` after review' -r -F
complete -c esops -n "__fish_esops_using_subcommand retention" -s o -l output -d 'Output format' -r -f -a "table\t'Aligned text for people'
json\t'JSON (stable field names)'
yaml\t'YAML'"
complete -c esops -n "__fish_esops_using_subcommand retention" -l snapshot-to -d 'Before deleting, take one snapshot of the selected indices into repository REPO and wait for it: only a SUCCESS snapshot holding every selected index lets the deletion go; on PARTIAL, FAILED or timeout nothing is deleted. The --log-file lines carry the restore request' -r
complete -c esops -n "__fish_esops_using_subcommand retention" -l snapshot-name -d 'With --snapshot-to: the snapshot\'s name (Elasticsearch date math allowed)' -r
complete -c esops -n "__fish_esops_using_subcommand retention" -l snapshot-timeout -d 'With --snapshot-to: how long to wait for the snapshot to finish' -r
complete -c esops -n "__fish_esops_using_subcommand retention" -l context -d 'Use this context of the config file (default: ESOPS_CONTEXT, then `current_context`). Several (`a,b`, or a pattern such as `prod-*`): read-only commands print one report; commands that change clusters show every plan, ask once, then go cluster by cluster' -r
complete -c esops -n "__fish_esops_using_subcommand retention" -l parallel -d 'With several contexts: how many clusters to work on at once' -r
complete -c esops -n "__fish_esops_using_subcommand retention" -l url -d 'Cluster URL, e.g. https://es.example.com:9200' -r
complete -c esops -n "__fish_esops_using_subcommand retention" -l cloud-id -d 'Elastic Cloud ID (instead of --url)' -r
complete -c esops -n "__fish_esops_using_subcommand retention" -l api-key -d 'API key: the encoded form, or ID:KEY. Prefer ESOPS_API_KEY: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand retention" -l user -d 'User for basic authentication' -r
complete -c esops -n "__fish_esops_using_subcommand retention" -l password -d 'Password for basic authentication. Prefer ESOPS_PASSWORD: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand retention" -l bearer-token -d 'Bearer token (service account token, OAuth2 access token, JWT)' -r
complete -c esops -n "__fish_esops_using_subcommand retention" -l ca-cert -d 'PEM file with the CA that signed the cluster\'s certificate (trusted in addition to the system store)' -r -F
complete -c esops -n "__fish_esops_using_subcommand retention" -l ca-fingerprint -d 'Trust the cluster by the SHA-256 fingerprint of its CA (or certificate), as Elasticsearch prints it at first start' -r
complete -c esops -n "__fish_esops_using_subcommand retention" -l client-cert -d 'PEM client certificate for mutual TLS (with --client-key)' -r -F
complete -c esops -n "__fish_esops_using_subcommand retention" -l client-key -d 'PEM private key of the client certificate (unencrypted)' -r -F
complete -c esops -n "__fish_esops_using_subcommand retention" -s H -l header -d 'Extra request header, `Name: value` (repeatable); `@FILE` reads `Name: value` lines from FILE' -r
complete -c esops -n "__fish_esops_using_subcommand retention" -l proxy -d 'HTTP(S) proxy URL (default: ESOPS_PROXY, the context\'s `proxy`, then HTTPS_PROXY/HTTP_PROXY/ALL_PROXY with NO_PROXY)' -r
complete -c esops -n "__fish_esops_using_subcommand retention" -l aws-region -d 'AWS region to sign for (default: ESOPS_AWS_REGION, AWS_REGION, the context, the *.amazonaws.com URL)' -r
complete -c esops -n "__fish_esops_using_subcommand retention" -l aws-service -d 'AWS signing service: es (OpenSearch Service, Elasticsearch Service) or aoss (Serverless)' -r
complete -c esops -n "__fish_esops_using_subcommand retention" -l aws-profile -d 'Profile of the AWS config files to take credentials from (instead of AWS_PROFILE)' -r
complete -c esops -n "__fish_esops_using_subcommand retention" -l timeout -d 'Timeout of each request, connecting and reading the whole answer included (e.g. 30s, 2m)' -r
complete -c esops -n "__fish_esops_using_subcommand retention" -l deadline -d 'Bound on the whole run (e.g. 5m): no request starts after it and one under way is cut off; the command then says what it did and what it left undone' -r
complete -c esops -n "__fish_esops_using_subcommand retention" -l color -d 'When to use colour' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always'
never\t'Never'"
complete -c esops -n "__fish_esops_using_subcommand retention" -l from-cluster-policies -d 'Take patterns and ages from the cluster: ILM policies with a delete phase and the index templates that attach them (`index.lifecycle.name`, in the template or its component templates)'
complete -c esops -n "__fish_esops_using_subcommand retention" -l include-hidden -d 'Also consider hidden indices (`index.hidden`, data stream backing indices) and `.`-prefixed system indices'
complete -c esops -n "__fish_esops_using_subcommand retention" -l include-managed -d 'Also select indices an ILM policy or the data stream lifecycle manages (by default they are reported with when ILM or the lifecycle deletes them)'
complete -c esops -n "__fish_esops_using_subcommand retention" -l execute -d 'Carry out the action on the selected indices (after re-reading the cluster and checking the selection)'
complete -c esops -n "__fish_esops_using_subcommand retention" -l yes -d 'With --execute: do not ask (required when stdin is not a terminal)'
complete -c esops -n "__fish_esops_using_subcommand retention" -l all-contexts -d 'Run on every context of the config file (as several --context)'
complete -c esops -n "__fish_esops_using_subcommand retention" -l keep-going -d 'With several contexts, for commands that change clusters: go on past a cluster that cannot be planned or fails (default: change nothing when one cannot be planned; stop at the first failure)'
complete -c esops -n "__fish_esops_using_subcommand retention" -l insecure -d 'Do not verify the cluster\'s TLS certificate. Dangerous: for a one-off diagnosis only'
complete -c esops -n "__fish_esops_using_subcommand retention" -l no-proxy -d 'Connect directly, whatever proxy the environment or the context names'
complete -c esops -n "__fish_esops_using_subcommand retention" -l aws-sigv4 -d 'Sign requests with AWS SigV4 (Amazon OpenSearch Service, OpenSearch Serverless); credentials from the AWS SDK\'s chain'
complete -c esops -n "__fish_esops_using_subcommand retention" -l sandbox -d 'Run against a fresh in-process sandbox cluster instead of a real one'
complete -c esops -n "__fish_esops_using_subcommand retention" -s v -l verbose -d 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)'
complete -c esops -n "__fish_esops_using_subcommand retention" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c esops -n "__fish_esops_using_subcommand retention" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esops -n "__fish_esops_using_subcommand indices; and not __fish_seen_subcommand_from close open forcemerge set-replicas shrink snapshot help" -l context -d 'Use this context of the config file (default: ESOPS_CONTEXT, then `current_context`). Several (`a,b`, or a pattern such as `prod-*`): read-only commands print one report; commands that change clusters show every plan, ask once, then go cluster by cluster' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and not __fish_seen_subcommand_from close open forcemerge set-replicas shrink snapshot help" -l parallel -d 'With several contexts: how many clusters to work on at once' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and not __fish_seen_subcommand_from close open forcemerge set-replicas shrink snapshot help" -l url -d 'Cluster URL, e.g. https://es.example.com:9200' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and not __fish_seen_subcommand_from close open forcemerge set-replicas shrink snapshot help" -l cloud-id -d 'Elastic Cloud ID (instead of --url)' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and not __fish_seen_subcommand_from close open forcemerge set-replicas shrink snapshot help" -l api-key -d 'API key: the encoded form, or ID:KEY. Prefer ESOPS_API_KEY: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and not __fish_seen_subcommand_from close open forcemerge set-replicas shrink snapshot help" -l user -d 'User for basic authentication' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and not __fish_seen_subcommand_from close open forcemerge set-replicas shrink snapshot help" -l password -d 'Password for basic authentication. Prefer ESOPS_PASSWORD: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and not __fish_seen_subcommand_from close open forcemerge set-replicas shrink snapshot help" -l bearer-token -d 'Bearer token (service account token, OAuth2 access token, JWT)' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and not __fish_seen_subcommand_from close open forcemerge set-replicas shrink snapshot help" -l ca-cert -d 'PEM file with the CA that signed the cluster\'s certificate (trusted in addition to the system store)' -r -F
complete -c esops -n "__fish_esops_using_subcommand indices; and not __fish_seen_subcommand_from close open forcemerge set-replicas shrink snapshot help" -l ca-fingerprint -d 'Trust the cluster by the SHA-256 fingerprint of its CA (or certificate), as Elasticsearch prints it at first start' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and not __fish_seen_subcommand_from close open forcemerge set-replicas shrink snapshot help" -l client-cert -d 'PEM client certificate for mutual TLS (with --client-key)' -r -F
complete -c esops -n "__fish_esops_using_subcommand indices; and not __fish_seen_subcommand_from close open forcemerge set-replicas shrink snapshot help" -l client-key -d 'PEM private key of the client certificate (unencrypted)' -r -F
complete -c esops -n "__fish_esops_using_subcommand indices; and not __fish_seen_subcommand_from close open forcemerge set-replicas shrink snapshot help" -s H -l header -d 'Extra request header, `Name: value` (repeatable); `@FILE` reads `Name: value` lines from FILE' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and not __fish_seen_subcommand_from close open forcemerge set-replicas shrink snapshot help" -l proxy -d 'HTTP(S) proxy URL (default: ESOPS_PROXY, the context\'s `proxy`, then HTTPS_PROXY/HTTP_PROXY/ALL_PROXY with NO_PROXY)' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and not __fish_seen_subcommand_from close open forcemerge set-replicas shrink snapshot help" -l aws-region -d 'AWS region to sign for (default: ESOPS_AWS_REGION, AWS_REGION, the context, the *.amazonaws.com URL)' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and not __fish_seen_subcommand_from close open forcemerge set-replicas shrink snapshot help" -l aws-service -d 'AWS signing service: es (OpenSearch Service, Elasticsearch Service) or aoss (Serverless)' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and not __fish_seen_subcommand_from close open forcemerge set-replicas shrink snapshot help" -l aws-profile -d 'Profile of the AWS config files to take credentials from (instead of AWS_PROFILE)' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and not __fish_seen_subcommand_from close open forcemerge set-replicas shrink snapshot help" -l timeout -d 'Timeout of each request, connecting and reading the whole answer included (e.g. 30s, 2m)' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and not __fish_seen_subcommand_from close open forcemerge set-replicas shrink snapshot help" -l deadline -d 'Bound on the whole run (e.g. 5m): no request starts after it and one under way is cut off; the command then says what it did and what it left undone' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and not __fish_seen_subcommand_from close open forcemerge set-replicas shrink snapshot help" -l color -d 'When to use colour' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always'
never\t'Never'"
complete -c esops -n "__fish_esops_using_subcommand indices; and not __fish_seen_subcommand_from close open forcemerge set-replicas shrink snapshot help" -l all-contexts -d 'Run on every context of the config file (as several --context)'
complete -c esops -n "__fish_esops_using_subcommand indices; and not __fish_seen_subcommand_from close open forcemerge set-replicas shrink snapshot help" -l keep-going -d 'With several contexts, for commands that change clusters: go on past a cluster that cannot be planned or fails (default: change nothing when one cannot be planned; stop at the first failure)'
complete -c esops -n "__fish_esops_using_subcommand indices; and not __fish_seen_subcommand_from close open forcemerge set-replicas shrink snapshot help" -l insecure -d 'Do not verify the cluster\'s TLS certificate. Dangerous: for a one-off diagnosis only'
complete -c esops -n "__fish_esops_using_subcommand indices; and not __fish_seen_subcommand_from close open forcemerge set-replicas shrink snapshot help" -l no-proxy -d 'Connect directly, whatever proxy the environment or the context names'
complete -c esops -n "__fish_esops_using_subcommand indices; and not __fish_seen_subcommand_from close open forcemerge set-replicas shrink snapshot help" -l aws-sigv4 -d 'Sign requests with AWS SigV4 (Amazon OpenSearch Service, OpenSearch Serverless); credentials from the AWS SDK\'s chain'
complete -c esops -n "__fish_esops_using_subcommand indices; and not __fish_seen_subcommand_from close open forcemerge set-replicas shrink snapshot help" -l sandbox -d 'Run against a fresh in-process sandbox cluster instead of a real one'
complete -c esops -n "__fish_esops_using_subcommand indices; and not __fish_seen_subcommand_from close open forcemerge set-replicas shrink snapshot help" -s v -l verbose -d 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)'
complete -c esops -n "__fish_esops_using_subcommand indices; and not __fish_seen_subcommand_from close open forcemerge set-replicas shrink snapshot help" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c esops -n "__fish_esops_using_subcommand indices; and not __fish_seen_subcommand_from close open forcemerge set-replicas shrink snapshot help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esops -n "__fish_esops_using_subcommand indices; and not __fish_seen_subcommand_from close open forcemerge set-replicas shrink snapshot help" -f -a "close" -d 'Close the selected indices (`POST /{index}/_close`): they keep their disk but no heap'
complete -c esops -n "__fish_esops_using_subcommand indices; and not __fish_seen_subcommand_from close open forcemerge set-replicas shrink snapshot help" -f -a "open" -d 'Open the selected closed indices (`POST /{index}/_open`)'
complete -c esops -n "__fish_esops_using_subcommand indices; and not __fish_seen_subcommand_from close open forcemerge set-replicas shrink snapshot help" -f -a "forcemerge" -d 'Merge the selected indices\' segments (`POST /{index}/_forcemerge?max_num_segments=N`)'
complete -c esops -n "__fish_esops_using_subcommand indices; and not __fish_seen_subcommand_from close open forcemerge set-replicas shrink snapshot help" -f -a "set-replicas" -d 'Set the number of replicas of the selected indices (`index.number_of_replicas`)'
complete -c esops -n "__fish_esops_using_subcommand indices; and not __fish_seen_subcommand_from close open forcemerge set-replicas shrink snapshot help" -f -a "shrink" -d 'Shrink each selected index into `{index}-shrink` with fewer primary shards, once ES\'s prerequisites hold (write block, a copy of every shard on one node, green, a factor)'
complete -c esops -n "__fish_esops_using_subcommand indices; and not __fish_seen_subcommand_from close open forcemerge set-replicas shrink snapshot help" -f -a "snapshot" -d 'Take one snapshot of the selected indices into a repository and wait for it: it counts only when it ends SUCCESS holding every selected index (PARTIAL, FAILED or a timeout exit 1). The --log-file lines carry the restore request of each index'
complete -c esops -n "__fish_esops_using_subcommand indices; and not __fish_seen_subcommand_from close open forcemerge set-replicas shrink snapshot help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from close" -l older-than -d 'Select indices older than this, e.g. 90d' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from close" -l keep-last -d 'Keep the N newest indices of each family; select the older ones' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from close" -l keep-total-below -d 'Select oldest first until the rest (replicas included) holds less than SIZE, e.g. 2tb — per family, or over every matched index with --total-of matched' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from close" -l total-of -d 'What --keep-total-below counts over' -r -f -a "family\t'Each family on its own'
matched\t'Every matched index together'"
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from close" -l keep-disk-below -d 'Select oldest first, across the matched families, until the fullest data node\'s projected disk use (replicas and shard placement included) is under PCT, e.g. 80' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from close" -l min-age -d 'The floor: never select an index younger than this, whatever the pressure (default 1d, or --older-than when that is shorter)' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from close" -s f -l from -d 'Take patterns and ages from a declared config tree (e.g. `-f policies/`): each index template attaching an ILM policy with a delete phase gives its patterns and the delete `min_age`' -r -F
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from close" -l age-from -d 'Where an index\'s age comes from: the date in its name, or its creation date' -r -f -a "name\t'The date in the index name'
creation\t'The index creation date'"
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from close" -l date-format -d 'The date format in index names (yyyy.MM.dd, yyyy-MM-dd, yyyyMMdd, yyyy.MM, or %Y.%m.%d…); default: inferred per family. Only names ending in a complete date of this format qualify' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from close" -l keep-newest -d 'Never select the N newest indices of each family' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from close" -l now -d 'The time to measure ages against (RFC 3339, e.g. 2024-06-01T00:00:00Z); default: now' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from close" -l plan -d 'With --execute: carry out exactly the plan saved by --plan-out, refusing if the cluster no longer matches it (the selection flags come from the plan)' -r -F
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from close" -l max -d 'Refuse to act on more than N indices' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from close" -l log-file -d 'With --execute: append JSON lines to this file (an audit trail): the intent before each batch, the outcome of each index after it' -r -F
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from close" -l plan-out -d 'Without --execute: save the plan to FILE, for `--execute --plan FILE` after review' -r -F
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from close" -s o -l output -d 'Output format' -r -f -a "table\t'Aligned text for people'
json\t'JSON (stable field names)'
yaml\t'YAML'"
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from close" -l context -d 'Use this context of the config file (default: ESOPS_CONTEXT, then `current_context`). Several (`a,b`, or a pattern such as `prod-*`): read-only commands print one report; commands that change clusters show every plan, ask once, then go cluster by cluster' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from close" -l parallel -d 'With several contexts: how many clusters to work on at once' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from close" -l url -d 'Cluster URL, e.g. https://es.example.com:9200' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from close" -l cloud-id -d 'Elastic Cloud ID (instead of --url)' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from close" -l api-key -d 'API key: the encoded form, or ID:KEY. Prefer ESOPS_API_KEY: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from close" -l user -d 'User for basic authentication' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from close" -l password -d 'Password for basic authentication. Prefer ESOPS_PASSWORD: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from close" -l bearer-token -d 'Bearer token (service account token, OAuth2 access token, JWT)' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from close" -l ca-cert -d 'PEM file with the CA that signed the cluster\'s certificate (trusted in addition to the system store)' -r -F
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from close" -l ca-fingerprint -d 'Trust the cluster by the SHA-256 fingerprint of its CA (or certificate), as Elasticsearch prints it at first start' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from close" -l client-cert -d 'PEM client certificate for mutual TLS (with --client-key)' -r -F
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from close" -l client-key -d 'PEM private key of the client certificate (unencrypted)' -r -F
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from close" -s H -l header -d 'Extra request header, `Name: value` (repeatable); `@FILE` reads `Name: value` lines from FILE' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from close" -l proxy -d 'HTTP(S) proxy URL (default: ESOPS_PROXY, the context\'s `proxy`, then HTTPS_PROXY/HTTP_PROXY/ALL_PROXY with NO_PROXY)' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from close" -l aws-region -d 'AWS region to sign for (default: ESOPS_AWS_REGION, AWS_REGION, the context, the *.amazonaws.com URL)' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from close" -l aws-service -d 'AWS signing service: es (OpenSearch Service, Elasticsearch Service) or aoss (Serverless)' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from close" -l aws-profile -d 'Profile of the AWS config files to take credentials from (instead of AWS_PROFILE)' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from close" -l timeout -d 'Timeout of each request, connecting and reading the whole answer included (e.g. 30s, 2m)' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from close" -l deadline -d 'Bound on the whole run (e.g. 5m): no request starts after it and one under way is cut off; the command then says what it did and what it left undone' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from close" -l color -d 'When to use colour' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always'
never\t'Never'"
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from close" -l from-cluster-policies -d 'Take patterns and ages from the cluster: ILM policies with a delete phase and the index templates that attach them (`index.lifecycle.name`, in the template or its component templates)'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from close" -l include-hidden -d 'Also consider hidden indices (`index.hidden`, data stream backing indices) and `.`-prefixed system indices'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from close" -l include-managed -d 'Also select indices an ILM policy or the data stream lifecycle manages (by default they are reported with when ILM or the lifecycle deletes them)'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from close" -l execute -d 'Carry out the action on the selected indices (after re-reading the cluster and checking the selection)'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from close" -l yes -d 'With --execute: do not ask (required when stdin is not a terminal)'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from close" -l all-contexts -d 'Run on every context of the config file (as several --context)'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from close" -l keep-going -d 'With several contexts, for commands that change clusters: go on past a cluster that cannot be planned or fails (default: change nothing when one cannot be planned; stop at the first failure)'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from close" -l insecure -d 'Do not verify the cluster\'s TLS certificate. Dangerous: for a one-off diagnosis only'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from close" -l no-proxy -d 'Connect directly, whatever proxy the environment or the context names'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from close" -l aws-sigv4 -d 'Sign requests with AWS SigV4 (Amazon OpenSearch Service, OpenSearch Serverless); credentials from the AWS SDK\'s chain'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from close" -l sandbox -d 'Run against a fresh in-process sandbox cluster instead of a real one'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from close" -s v -l verbose -d 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from close" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from close" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from open" -l older-than -d 'Select indices older than this, e.g. 90d' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from open" -l keep-last -d 'Keep the N newest indices of each family; select the older ones' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from open" -l keep-total-below -d 'Select oldest first until the rest (replicas included) holds less than SIZE, e.g. 2tb — per family, or over every matched index with --total-of matched' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from open" -l total-of -d 'What --keep-total-below counts over' -r -f -a "family\t'Each family on its own'
matched\t'Every matched index together'"
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from open" -l keep-disk-below -d 'Select oldest first, across the matched families, until the fullest data node\'s projected disk use (replicas and shard placement included) is under PCT, e.g. 80' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from open" -l min-age -d 'The floor: never select an index younger than this, whatever the pressure (default 1d, or --older-than when that is shorter)' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from open" -s f -l from -d 'Take patterns and ages from a declared config tree (e.g. `-f policies/`): each index template attaching an ILM policy with a delete phase gives its patterns and the delete `min_age`' -r -F
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from open" -l age-from -d 'Where an index\'s age comes from: the date in its name, or its creation date' -r -f -a "name\t'The date in the index name'
creation\t'The index creation date'"
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from open" -l date-format -d 'The date format in index names (yyyy.MM.dd, yyyy-MM-dd, yyyyMMdd, yyyy.MM, or %Y.%m.%d…); default: inferred per family. Only names ending in a complete date of this format qualify' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from open" -l keep-newest -d 'Never select the N newest indices of each family' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from open" -l now -d 'The time to measure ages against (RFC 3339, e.g. 2024-06-01T00:00:00Z); default: now' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from open" -l plan -d 'With --execute: carry out exactly the plan saved by --plan-out, refusing if the cluster no longer matches it (the selection flags come from the plan)' -r -F
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from open" -l max -d 'Refuse to act on more than N indices' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from open" -l log-file -d 'With --execute: append JSON lines to this file (an audit trail): the intent before each batch, the outcome of each index after it' -r -F
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from open" -l plan-out -d 'Without --execute: save the plan to FILE, for `--execute --plan FILE` after review' -r -F
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from open" -s o -l output -d 'Output format' -r -f -a "table\t'Aligned text for people'
json\t'JSON (stable field names)'
yaml\t'YAML'"
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from open" -l context -d 'Use this context of the config file (default: ESOPS_CONTEXT, then `current_context`). Several (`a,b`, or a pattern such as `prod-*`): read-only commands print one report; commands that change clusters show every plan, ask once, then go cluster by cluster' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from open" -l parallel -d 'With several contexts: how many clusters to work on at once' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from open" -l url -d 'Cluster URL, e.g. https://es.example.com:9200' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from open" -l cloud-id -d 'Elastic Cloud ID (instead of --url)' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from open" -l api-key -d 'API key: the encoded form, or ID:KEY. Prefer ESOPS_API_KEY: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from open" -l user -d 'User for basic authentication' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from open" -l password -d 'Password for basic authentication. Prefer ESOPS_PASSWORD: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from open" -l bearer-token -d 'Bearer token (service account token, OAuth2 access token, JWT)' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from open" -l ca-cert -d 'PEM file with the CA that signed the cluster\'s certificate (trusted in addition to the system store)' -r -F
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from open" -l ca-fingerprint -d 'Trust the cluster by the SHA-256 fingerprint of its CA (or certificate), as Elasticsearch prints it at first start' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from open" -l client-cert -d 'PEM client certificate for mutual TLS (with --client-key)' -r -F
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from open" -l client-key -d 'PEM private key of the client certificate (unencrypted)' -r -F
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from open" -s H -l header -d 'Extra request header, `Name: value` (repeatable); `@FILE` reads `Name: value` lines from FILE' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from open" -l proxy -d 'HTTP(S) proxy URL (default: ESOPS_PROXY, the context\'s `proxy`, then HTTPS_PROXY/HTTP_PROXY/ALL_PROXY with NO_PROXY)' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from open" -l aws-region -d 'AWS region to sign for (default: ESOPS_AWS_REGION, AWS_REGION, the context, the *.amazonaws.com URL)' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from open" -l aws-service -d 'AWS signing service: es (OpenSearch Service, Elasticsearch Service) or aoss (Serverless)' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from open" -l aws-profile -d 'Profile of the AWS config files to take credentials from (instead of AWS_PROFILE)' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from open" -l timeout -d 'Timeout of each request, connecting and reading the whole answer included (e.g. 30s, 2m)' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from open" -l deadline -d 'Bound on the whole run (e.g. 5m): no request starts after it and one under way is cut off; the command then says what it did and what it left undone' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from open" -l color -d 'When to use colour' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always'
never\t'Never'"
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from open" -l from-cluster-policies -d 'Take patterns and ages from the cluster: ILM policies with a delete phase and the index templates that attach them (`index.lifecycle.name`, in the template or its component templates)'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from open" -l include-hidden -d 'Also consider hidden indices (`index.hidden`, data stream backing indices) and `.`-prefixed system indices'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from open" -l include-managed -d 'Also select indices an ILM policy or the data stream lifecycle manages (by default they are reported with when ILM or the lifecycle deletes them)'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from open" -l execute -d 'Carry out the action on the selected indices (after re-reading the cluster and checking the selection)'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from open" -l yes -d 'With --execute: do not ask (required when stdin is not a terminal)'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from open" -l all-contexts -d 'Run on every context of the config file (as several --context)'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from open" -l keep-going -d 'With several contexts, for commands that change clusters: go on past a cluster that cannot be planned or fails (default: change nothing when one cannot be planned; stop at the first failure)'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from open" -l insecure -d 'Do not verify the cluster\'s TLS certificate. Dangerous: for a one-off diagnosis only'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from open" -l no-proxy -d 'Connect directly, whatever proxy the environment or the context names'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from open" -l aws-sigv4 -d 'Sign requests with AWS SigV4 (Amazon OpenSearch Service, OpenSearch Serverless); credentials from the AWS SDK\'s chain'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from open" -l sandbox -d 'Run against a fresh in-process sandbox cluster instead of a real one'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from open" -s v -l verbose -d 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from open" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from open" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from forcemerge" -l max-segments -d 'Segments per shard to merge down to' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from forcemerge" -l older-than -d 'Select indices older than this, e.g. 90d' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from forcemerge" -l keep-last -d 'Keep the N newest indices of each family; select the older ones' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from forcemerge" -l keep-total-below -d 'Select oldest first until the rest (replicas included) holds less than SIZE, e.g. 2tb — per family, or over every matched index with --total-of matched' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from forcemerge" -l total-of -d 'What --keep-total-below counts over' -r -f -a "family\t'Each family on its own'
matched\t'Every matched index together'"
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from forcemerge" -l keep-disk-below -d 'Select oldest first, across the matched families, until the fullest data node\'s projected disk use (replicas and shard placement included) is under PCT, e.g. 80' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from forcemerge" -l min-age -d 'The floor: never select an index younger than this, whatever the pressure (default 1d, or --older-than when that is shorter)' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from forcemerge" -s f -l from -d 'Take patterns and ages from a declared config tree (e.g. `-f policies/`): each index template attaching an ILM policy with a delete phase gives its patterns and the delete `min_age`' -r -F
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from forcemerge" -l age-from -d 'Where an index\'s age comes from: the date in its name, or its creation date' -r -f -a "name\t'The date in the index name'
creation\t'The index creation date'"
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from forcemerge" -l date-format -d 'The date format in index names (yyyy.MM.dd, yyyy-MM-dd, yyyyMMdd, yyyy.MM, or %Y.%m.%d…); default: inferred per family. Only names ending in a complete date of this format qualify' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from forcemerge" -l keep-newest -d 'Never select the N newest indices of each family' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from forcemerge" -l now -d 'The time to measure ages against (RFC 3339, e.g. 2024-06-01T00:00:00Z); default: now' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from forcemerge" -l plan -d 'With --execute: carry out exactly the plan saved by --plan-out, refusing if the cluster no longer matches it (the selection flags come from the plan)' -r -F
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from forcemerge" -l max -d 'Refuse to act on more than N indices' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from forcemerge" -l log-file -d 'With --execute: append JSON lines to this file (an audit trail): the intent before each batch, the outcome of each index after it' -r -F
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from forcemerge" -l plan-out -d 'Without --execute: save the plan to FILE, for `--execute --plan FILE` after review' -r -F
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from forcemerge" -s o -l output -d 'Output format' -r -f -a "table\t'Aligned text for people'
json\t'JSON (stable field names)'
yaml\t'YAML'"
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from forcemerge" -l context -d 'Use this context of the config file (default: ESOPS_CONTEXT, then `current_context`). Several (`a,b`, or a pattern such as `prod-*`): read-only commands print one report; commands that change clusters show every plan, ask once, then go cluster by cluster' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from forcemerge" -l parallel -d 'With several contexts: how many clusters to work on at once' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from forcemerge" -l url -d 'Cluster URL, e.g. https://es.example.com:9200' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from forcemerge" -l cloud-id -d 'Elastic Cloud ID (instead of --url)' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from forcemerge" -l api-key -d 'API key: the encoded form, or ID:KEY. Prefer ESOPS_API_KEY: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from forcemerge" -l user -d 'User for basic authentication' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from forcemerge" -l password -d 'Password for basic authentication. Prefer ESOPS_PASSWORD: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from forcemerge" -l bearer-token -d 'Bearer token (service account token, OAuth2 access token, JWT)' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from forcemerge" -l ca-cert -d 'PEM file with the CA that signed the cluster\'s certificate (trusted in addition to the system store)' -r -F
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from forcemerge" -l ca-fingerprint -d 'Trust the cluster by the SHA-256 fingerprint of its CA (or certificate), as Elasticsearch prints it at first start' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from forcemerge" -l client-cert -d 'PEM client certificate for mutual TLS (with --client-key)' -r -F
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from forcemerge" -l client-key -d 'PEM private key of the client certificate (unencrypted)' -r -F
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from forcemerge" -s H -l header -d 'Extra request header, `Name: value` (repeatable); `@FILE` reads `Name: value` lines from FILE' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from forcemerge" -l proxy -d 'HTTP(S) proxy URL (default: ESOPS_PROXY, the context\'s `proxy`, then HTTPS_PROXY/HTTP_PROXY/ALL_PROXY with NO_PROXY)' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from forcemerge" -l aws-region -d 'AWS region to sign for (default: ESOPS_AWS_REGION, AWS_REGION, the context, the *.amazonaws.com URL)' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from forcemerge" -l aws-service -d 'AWS signing service: es (OpenSearch Service, Elasticsearch Service) or aoss (Serverless)' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from forcemerge" -l aws-profile -d 'Profile of the AWS config files to take credentials from (instead of AWS_PROFILE)' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from forcemerge" -l timeout -d 'Timeout of each request, connecting and reading the whole answer included (e.g. 30s, 2m)' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from forcemerge" -l deadline -d 'Bound on the whole run (e.g. 5m): no request starts after it and one under way is cut off; the command then says what it did and what it left undone' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from forcemerge" -l color -d 'When to use colour' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always'
never\t'Never'"
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from forcemerge" -l from-cluster-policies -d 'Take patterns and ages from the cluster: ILM policies with a delete phase and the index templates that attach them (`index.lifecycle.name`, in the template or its component templates)'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from forcemerge" -l include-hidden -d 'Also consider hidden indices (`index.hidden`, data stream backing indices) and `.`-prefixed system indices'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from forcemerge" -l include-managed -d 'Also select indices an ILM policy or the data stream lifecycle manages (by default they are reported with when ILM or the lifecycle deletes them)'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from forcemerge" -l execute -d 'Carry out the action on the selected indices (after re-reading the cluster and checking the selection)'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from forcemerge" -l yes -d 'With --execute: do not ask (required when stdin is not a terminal)'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from forcemerge" -l all-contexts -d 'Run on every context of the config file (as several --context)'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from forcemerge" -l keep-going -d 'With several contexts, for commands that change clusters: go on past a cluster that cannot be planned or fails (default: change nothing when one cannot be planned; stop at the first failure)'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from forcemerge" -l insecure -d 'Do not verify the cluster\'s TLS certificate. Dangerous: for a one-off diagnosis only'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from forcemerge" -l no-proxy -d 'Connect directly, whatever proxy the environment or the context names'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from forcemerge" -l aws-sigv4 -d 'Sign requests with AWS SigV4 (Amazon OpenSearch Service, OpenSearch Serverless); credentials from the AWS SDK\'s chain'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from forcemerge" -l sandbox -d 'Run against a fresh in-process sandbox cluster instead of a real one'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from forcemerge" -s v -l verbose -d 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from forcemerge" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from forcemerge" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from set-replicas" -l older-than -d 'Select indices older than this, e.g. 90d' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from set-replicas" -l keep-last -d 'Keep the N newest indices of each family; select the older ones' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from set-replicas" -l keep-total-below -d 'Select oldest first until the rest (replicas included) holds less than SIZE, e.g. 2tb — per family, or over every matched index with --total-of matched' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from set-replicas" -l total-of -d 'What --keep-total-below counts over' -r -f -a "family\t'Each family on its own'
matched\t'Every matched index together'"
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from set-replicas" -l keep-disk-below -d 'Select oldest first, across the matched families, until the fullest data node\'s projected disk use (replicas and shard placement included) is under PCT, e.g. 80' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from set-replicas" -l min-age -d 'The floor: never select an index younger than this, whatever the pressure (default 1d, or --older-than when that is shorter)' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from set-replicas" -s f -l from -d 'Take patterns and ages from a declared config tree (e.g. `-f policies/`): each index template attaching an ILM policy with a delete phase gives its patterns and the delete `min_age`' -r -F
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from set-replicas" -l age-from -d 'Where an index\'s age comes from: the date in its name, or its creation date' -r -f -a "name\t'The date in the index name'
creation\t'The index creation date'"
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from set-replicas" -l date-format -d 'The date format in index names (yyyy.MM.dd, yyyy-MM-dd, yyyyMMdd, yyyy.MM, or %Y.%m.%d…); default: inferred per family. Only names ending in a complete date of this format qualify' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from set-replicas" -l keep-newest -d 'Never select the N newest indices of each family' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from set-replicas" -l now -d 'The time to measure ages against (RFC 3339, e.g. 2024-06-01T00:00:00Z); default: now' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from set-replicas" -l plan -d 'With --execute: carry out exactly the plan saved by --plan-out, refusing if the cluster no longer matches it (the selection flags come from the plan)' -r -F
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from set-replicas" -l max -d 'Refuse to act on more than N indices' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from set-replicas" -l log-file -d 'With --execute: append JSON lines to this file (an audit trail): the intent before each batch, the outcome of each index after it' -r -F
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from set-replicas" -l plan-out -d 'Without --execute: save the plan to FILE, for `--execute --plan FILE` after review' -r -F
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from set-replicas" -s o -l output -d 'Output format' -r -f -a "table\t'Aligned text for people'
json\t'JSON (stable field names)'
yaml\t'YAML'"
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from set-replicas" -l context -d 'Use this context of the config file (default: ESOPS_CONTEXT, then `current_context`). Several (`a,b`, or a pattern such as `prod-*`): read-only commands print one report; commands that change clusters show every plan, ask once, then go cluster by cluster' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from set-replicas" -l parallel -d 'With several contexts: how many clusters to work on at once' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from set-replicas" -l url -d 'Cluster URL, e.g. https://es.example.com:9200' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from set-replicas" -l cloud-id -d 'Elastic Cloud ID (instead of --url)' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from set-replicas" -l api-key -d 'API key: the encoded form, or ID:KEY. Prefer ESOPS_API_KEY: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from set-replicas" -l user -d 'User for basic authentication' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from set-replicas" -l password -d 'Password for basic authentication. Prefer ESOPS_PASSWORD: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from set-replicas" -l bearer-token -d 'Bearer token (service account token, OAuth2 access token, JWT)' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from set-replicas" -l ca-cert -d 'PEM file with the CA that signed the cluster\'s certificate (trusted in addition to the system store)' -r -F
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from set-replicas" -l ca-fingerprint -d 'Trust the cluster by the SHA-256 fingerprint of its CA (or certificate), as Elasticsearch prints it at first start' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from set-replicas" -l client-cert -d 'PEM client certificate for mutual TLS (with --client-key)' -r -F
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from set-replicas" -l client-key -d 'PEM private key of the client certificate (unencrypted)' -r -F
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from set-replicas" -s H -l header -d 'Extra request header, `Name: value` (repeatable); `@FILE` reads `Name: value` lines from FILE' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from set-replicas" -l proxy -d 'HTTP(S) proxy URL (default: ESOPS_PROXY, the context\'s `proxy`, then HTTPS_PROXY/HTTP_PROXY/ALL_PROXY with NO_PROXY)' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from set-replicas" -l aws-region -d 'AWS region to sign for (default: ESOPS_AWS_REGION, AWS_REGION, the context, the *.amazonaws.com URL)' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from set-replicas" -l aws-service -d 'AWS signing service: es (OpenSearch Service, Elasticsearch Service) or aoss (Serverless)' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from set-replicas" -l aws-profile -d 'Profile of the AWS config files to take credentials from (instead of AWS_PROFILE)' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from set-replicas" -l timeout -d 'Timeout of each request, connecting and reading the whole answer included (e.g. 30s, 2m)' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from set-replicas" -l deadline -d 'Bound on the whole run (e.g. 5m): no request starts after it and one under way is cut off; the command then says what it did and what it left undone' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from set-replicas" -l color -d 'When to use colour' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always'
never\t'Never'"
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from set-replicas" -l from-cluster-policies -d 'Take patterns and ages from the cluster: ILM policies with a delete phase and the index templates that attach them (`index.lifecycle.name`, in the template or its component templates)'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from set-replicas" -l include-hidden -d 'Also consider hidden indices (`index.hidden`, data stream backing indices) and `.`-prefixed system indices'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from set-replicas" -l include-managed -d 'Also select indices an ILM policy or the data stream lifecycle manages (by default they are reported with when ILM or the lifecycle deletes them)'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from set-replicas" -l execute -d 'Carry out the action on the selected indices (after re-reading the cluster and checking the selection)'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from set-replicas" -l yes -d 'With --execute: do not ask (required when stdin is not a terminal)'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from set-replicas" -l all-contexts -d 'Run on every context of the config file (as several --context)'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from set-replicas" -l keep-going -d 'With several contexts, for commands that change clusters: go on past a cluster that cannot be planned or fails (default: change nothing when one cannot be planned; stop at the first failure)'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from set-replicas" -l insecure -d 'Do not verify the cluster\'s TLS certificate. Dangerous: for a one-off diagnosis only'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from set-replicas" -l no-proxy -d 'Connect directly, whatever proxy the environment or the context names'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from set-replicas" -l aws-sigv4 -d 'Sign requests with AWS SigV4 (Amazon OpenSearch Service, OpenSearch Serverless); credentials from the AWS SDK\'s chain'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from set-replicas" -l sandbox -d 'Run against a fresh in-process sandbox cluster instead of a real one'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from set-replicas" -s v -l verbose -d 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from set-replicas" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from set-replicas" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from shrink" -l shards -d 'Primary shards of the shrunk index (a factor of the source\'s)' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from shrink" -l older-than -d 'Select indices older than this, e.g. 90d' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from shrink" -l keep-last -d 'Keep the N newest indices of each family; select the older ones' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from shrink" -l keep-total-below -d 'Select oldest first until the rest (replicas included) holds less than SIZE, e.g. 2tb — per family, or over every matched index with --total-of matched' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from shrink" -l total-of -d 'What --keep-total-below counts over' -r -f -a "family\t'Each family on its own'
matched\t'Every matched index together'"
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from shrink" -l keep-disk-below -d 'Select oldest first, across the matched families, until the fullest data node\'s projected disk use (replicas and shard placement included) is under PCT, e.g. 80' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from shrink" -l min-age -d 'The floor: never select an index younger than this, whatever the pressure (default 1d, or --older-than when that is shorter)' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from shrink" -s f -l from -d 'Take patterns and ages from a declared config tree (e.g. `-f policies/`): each index template attaching an ILM policy with a delete phase gives its patterns and the delete `min_age`' -r -F
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from shrink" -l age-from -d 'Where an index\'s age comes from: the date in its name, or its creation date' -r -f -a "name\t'The date in the index name'
creation\t'The index creation date'"
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from shrink" -l date-format -d 'The date format in index names (yyyy.MM.dd, yyyy-MM-dd, yyyyMMdd, yyyy.MM, or %Y.%m.%d…); default: inferred per family. Only names ending in a complete date of this format qualify' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from shrink" -l keep-newest -d 'Never select the N newest indices of each family' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from shrink" -l now -d 'The time to measure ages against (RFC 3339, e.g. 2024-06-01T00:00:00Z); default: now' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from shrink" -l plan -d 'With --execute: carry out exactly the plan saved by --plan-out, refusing if the cluster no longer matches it (the selection flags come from the plan)' -r -F
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from shrink" -l max -d 'Refuse to act on more than N indices' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from shrink" -l log-file -d 'With --execute: append JSON lines to this file (an audit trail): the intent before each batch, the outcome of each index after it' -r -F
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from shrink" -l plan-out -d 'Without --execute: save the plan to FILE, for `--execute --plan FILE` after review' -r -F
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from shrink" -s o -l output -d 'Output format' -r -f -a "table\t'Aligned text for people'
json\t'JSON (stable field names)'
yaml\t'YAML'"
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from shrink" -l context -d 'Use this context of the config file (default: ESOPS_CONTEXT, then `current_context`). Several (`a,b`, or a pattern such as `prod-*`): read-only commands print one report; commands that change clusters show every plan, ask once, then go cluster by cluster' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from shrink" -l parallel -d 'With several contexts: how many clusters to work on at once' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from shrink" -l url -d 'Cluster URL, e.g. https://es.example.com:9200' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from shrink" -l cloud-id -d 'Elastic Cloud ID (instead of --url)' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from shrink" -l api-key -d 'API key: the encoded form, or ID:KEY. Prefer ESOPS_API_KEY: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from shrink" -l user -d 'User for basic authentication' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from shrink" -l password -d 'Password for basic authentication. Prefer ESOPS_PASSWORD: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from shrink" -l bearer-token -d 'Bearer token (service account token, OAuth2 access token, JWT)' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from shrink" -l ca-cert -d 'PEM file with the CA that signed the cluster\'s certificate (trusted in addition to the system store)' -r -F
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from shrink" -l ca-fingerprint -d 'Trust the cluster by the SHA-256 fingerprint of its CA (or certificate), as Elasticsearch prints it at first start' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from shrink" -l client-cert -d 'PEM client certificate for mutual TLS (with --client-key)' -r -F
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from shrink" -l client-key -d 'PEM private key of the client certificate (unencrypted)' -r -F
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from shrink" -s H -l header -d 'Extra request header, `Name: value` (repeatable); `@FILE` reads `Name: value` lines from FILE' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from shrink" -l proxy -d 'HTTP(S) proxy URL (default: ESOPS_PROXY, the context\'s `proxy`, then HTTPS_PROXY/HTTP_PROXY/ALL_PROXY with NO_PROXY)' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from shrink" -l aws-region -d 'AWS region to sign for (default: ESOPS_AWS_REGION, AWS_REGION, the context, the *.amazonaws.com URL)' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from shrink" -l aws-service -d 'AWS signing service: es (OpenSearch Service, Elasticsearch Service) or aoss (Serverless)' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from shrink" -l aws-profile -d 'Profile of the AWS config files to take credentials from (instead of AWS_PROFILE)' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from shrink" -l timeout -d 'Timeout of each request, connecting and reading the whole answer included (e.g. 30s, 2m)' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from shrink" -l deadline -d 'Bound on the whole run (e.g. 5m): no request starts after it and one under way is cut off; the command then says what it did and what it left undone' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from shrink" -l color -d 'When to use colour' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always'
never\t'Never'"
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from shrink" -l from-cluster-policies -d 'Take patterns and ages from the cluster: ILM policies with a delete phase and the index templates that attach them (`index.lifecycle.name`, in the template or its component templates)'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from shrink" -l include-hidden -d 'Also consider hidden indices (`index.hidden`, data stream backing indices) and `.`-prefixed system indices'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from shrink" -l include-managed -d 'Also select indices an ILM policy or the data stream lifecycle manages (by default they are reported with when ILM or the lifecycle deletes them)'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from shrink" -l execute -d 'Carry out the action on the selected indices (after re-reading the cluster and checking the selection)'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from shrink" -l yes -d 'With --execute: do not ask (required when stdin is not a terminal)'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from shrink" -l all-contexts -d 'Run on every context of the config file (as several --context)'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from shrink" -l keep-going -d 'With several contexts, for commands that change clusters: go on past a cluster that cannot be planned or fails (default: change nothing when one cannot be planned; stop at the first failure)'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from shrink" -l insecure -d 'Do not verify the cluster\'s TLS certificate. Dangerous: for a one-off diagnosis only'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from shrink" -l no-proxy -d 'Connect directly, whatever proxy the environment or the context names'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from shrink" -l aws-sigv4 -d 'Sign requests with AWS SigV4 (Amazon OpenSearch Service, OpenSearch Serverless); credentials from the AWS SDK\'s chain'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from shrink" -l sandbox -d 'Run against a fresh in-process sandbox cluster instead of a real one'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from shrink" -s v -l verbose -d 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from shrink" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from shrink" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from snapshot" -l to -d 'The snapshot repository (registered with `PUT _snapshot/REPO`, or declared as a `snapshot_repository`)' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from snapshot" -l snapshot-name -d 'The snapshot\'s name; Elasticsearch date math allowed (`<nightly-{now/d}>`). The default is unique to the second, so runs never collide' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from snapshot" -l snapshot-timeout -d 'How long to wait for the snapshot to finish' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from snapshot" -l older-than -d 'Select indices older than this, e.g. 90d' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from snapshot" -l keep-last -d 'Keep the N newest indices of each family; select the older ones' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from snapshot" -l keep-total-below -d 'Select oldest first until the rest (replicas included) holds less than SIZE, e.g. 2tb — per family, or over every matched index with --total-of matched' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from snapshot" -l total-of -d 'What --keep-total-below counts over' -r -f -a "family\t'Each family on its own'
matched\t'Every matched index together'"
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from snapshot" -l keep-disk-below -d 'Select oldest first, across the matched families, until the fullest data node\'s projected disk use (replicas and shard placement included) is under PCT, e.g. 80' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from snapshot" -l min-age -d 'The floor: never select an index younger than this, whatever the pressure (default 1d, or --older-than when that is shorter)' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from snapshot" -s f -l from -d 'Take patterns and ages from a declared config tree (e.g. `-f policies/`): each index template attaching an ILM policy with a delete phase gives its patterns and the delete `min_age`' -r -F
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from snapshot" -l age-from -d 'Where an index\'s age comes from: the date in its name, or its creation date' -r -f -a "name\t'The date in the index name'
creation\t'The index creation date'"
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from snapshot" -l date-format -d 'The date format in index names (yyyy.MM.dd, yyyy-MM-dd, yyyyMMdd, yyyy.MM, or %Y.%m.%d…); default: inferred per family. Only names ending in a complete date of this format qualify' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from snapshot" -l keep-newest -d 'Never select the N newest indices of each family' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from snapshot" -l now -d 'The time to measure ages against (RFC 3339, e.g. 2024-06-01T00:00:00Z); default: now' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from snapshot" -l plan -d 'With --execute: carry out exactly the plan saved by --plan-out, refusing if the cluster no longer matches it (the selection flags come from the plan)' -r -F
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from snapshot" -l max -d 'Refuse to act on more than N indices' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from snapshot" -l log-file -d 'With --execute: append JSON lines to this file (an audit trail): the intent before each batch, the outcome of each index after it' -r -F
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from snapshot" -l plan-out -d 'Without --execute: save the plan to FILE, for `--execute --plan FILE` after review' -r -F
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from snapshot" -s o -l output -d 'Output format' -r -f -a "table\t'Aligned text for people'
json\t'JSON (stable field names)'
yaml\t'YAML'"
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from snapshot" -l context -d 'Use this context of the config file (default: ESOPS_CONTEXT, then `current_context`). Several (`a,b`, or a pattern such as `prod-*`): read-only commands print one report; commands that change clusters show every plan, ask once, then go cluster by cluster' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from snapshot" -l parallel -d 'With several contexts: how many clusters to work on at once' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from snapshot" -l url -d 'Cluster URL, e.g. https://es.example.com:9200' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from snapshot" -l cloud-id -d 'Elastic Cloud ID (instead of --url)' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from snapshot" -l api-key -d 'API key: the encoded form, or ID:KEY. Prefer ESOPS_API_KEY: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from snapshot" -l user -d 'User for basic authentication' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from snapshot" -l password -d 'Password for basic authentication. Prefer ESOPS_PASSWORD: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from snapshot" -l bearer-token -d 'Bearer token (service account token, OAuth2 access token, JWT)' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from snapshot" -l ca-cert -d 'PEM file with the CA that signed the cluster\'s certificate (trusted in addition to the system store)' -r -F
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from snapshot" -l ca-fingerprint -d 'Trust the cluster by the SHA-256 fingerprint of its CA (or certificate), as Elasticsearch prints it at first start' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from snapshot" -l client-cert -d 'PEM client certificate for mutual TLS (with --client-key)' -r -F
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from snapshot" -l client-key -d 'PEM private key of the client certificate (unencrypted)' -r -F
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from snapshot" -s H -l header -d 'Extra request header, `Name: value` (repeatable); `@FILE` reads `Name: value` lines from FILE' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from snapshot" -l proxy -d 'HTTP(S) proxy URL (default: ESOPS_PROXY, the context\'s `proxy`, then HTTPS_PROXY/HTTP_PROXY/ALL_PROXY with NO_PROXY)' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from snapshot" -l aws-region -d 'AWS region to sign for (default: ESOPS_AWS_REGION, AWS_REGION, the context, the *.amazonaws.com URL)' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from snapshot" -l aws-service -d 'AWS signing service: es (OpenSearch Service, Elasticsearch Service) or aoss (Serverless)' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from snapshot" -l aws-profile -d 'Profile of the AWS config files to take credentials from (instead of AWS_PROFILE)' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from snapshot" -l timeout -d 'Timeout of each request, connecting and reading the whole answer included (e.g. 30s, 2m)' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from snapshot" -l deadline -d 'Bound on the whole run (e.g. 5m): no request starts after it and one under way is cut off; the command then says what it did and what it left undone' -r
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from snapshot" -l color -d 'When to use colour' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always'
never\t'Never'"
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from snapshot" -l from-cluster-policies -d 'Take patterns and ages from the cluster: ILM policies with a delete phase and the index templates that attach them (`index.lifecycle.name`, in the template or its component templates)'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from snapshot" -l include-hidden -d 'Also consider hidden indices (`index.hidden`, data stream backing indices) and `.`-prefixed system indices'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from snapshot" -l include-managed -d 'Also select indices an ILM policy or the data stream lifecycle manages (by default they are reported with when ILM or the lifecycle deletes them)'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from snapshot" -l execute -d 'Carry out the action on the selected indices (after re-reading the cluster and checking the selection)'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from snapshot" -l yes -d 'With --execute: do not ask (required when stdin is not a terminal)'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from snapshot" -l all-contexts -d 'Run on every context of the config file (as several --context)'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from snapshot" -l keep-going -d 'With several contexts, for commands that change clusters: go on past a cluster that cannot be planned or fails (default: change nothing when one cannot be planned; stop at the first failure)'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from snapshot" -l insecure -d 'Do not verify the cluster\'s TLS certificate. Dangerous: for a one-off diagnosis only'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from snapshot" -l no-proxy -d 'Connect directly, whatever proxy the environment or the context names'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from snapshot" -l aws-sigv4 -d 'Sign requests with AWS SigV4 (Amazon OpenSearch Service, OpenSearch Serverless); credentials from the AWS SDK\'s chain'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from snapshot" -l sandbox -d 'Run against a fresh in-process sandbox cluster instead of a real one'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from snapshot" -s v -l verbose -d 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from snapshot" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from snapshot" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from help" -f -a "close" -d 'Close the selected indices (`POST /{index}/_close`): they keep their disk but no heap'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from help" -f -a "open" -d 'Open the selected closed indices (`POST /{index}/_open`)'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from help" -f -a "forcemerge" -d 'Merge the selected indices\' segments (`POST /{index}/_forcemerge?max_num_segments=N`)'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from help" -f -a "set-replicas" -d 'Set the number of replicas of the selected indices (`index.number_of_replicas`)'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from help" -f -a "shrink" -d 'Shrink each selected index into `{index}-shrink` with fewer primary shards, once ES\'s prerequisites hold (write block, a copy of every shard on one node, green, a factor)'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from help" -f -a "snapshot" -d 'Take one snapshot of the selected indices into a repository and wait for it: it counts only when it ends SUCCESS holding every selected index (PARTIAL, FAILED or a timeout exit 1). The --log-file lines carry the restore request of each index'
complete -c esops -n "__fish_esops_using_subcommand indices; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c esops -n "__fish_esops_using_subcommand rollover" -s f -l from -d 'Take the governing policies\' rollover conditions from a declared config tree (e.g. `-f policies/`) instead of the cluster\'s ILM policies' -r -F
complete -c esops -n "__fish_esops_using_subcommand rollover" -l max-age -d 'Roll over when the write index is this old (from its creation), e.g. 7d' -r
complete -c esops -n "__fish_esops_using_subcommand rollover" -l max-docs -d 'Roll over at this many primary documents' -r
complete -c esops -n "__fish_esops_using_subcommand rollover" -l max-size -d 'Roll over when the primaries reach this size, e.g. 50gb (deprecated by ES: prefer --max-primary-shard-size)' -r
complete -c esops -n "__fish_esops_using_subcommand rollover" -l max-primary-shard-size -d 'Roll over when the largest primary shard reaches this size, e.g. 50gb' -r
complete -c esops -n "__fish_esops_using_subcommand rollover" -l max-primary-shard-docs -d 'Roll over when the largest primary shard holds this many documents' -r
complete -c esops -n "__fish_esops_using_subcommand rollover" -l min-age -d 'Do not roll over before this age' -r
complete -c esops -n "__fish_esops_using_subcommand rollover" -l min-docs -d 'Do not roll over below this many documents' -r
complete -c esops -n "__fish_esops_using_subcommand rollover" -l min-size -d 'Do not roll over below this size' -r
complete -c esops -n "__fish_esops_using_subcommand rollover" -l min-primary-shard-size -d 'Do not roll over while the largest primary shard is smaller' -r
complete -c esops -n "__fish_esops_using_subcommand rollover" -l min-primary-shard-docs -d 'Do not roll over while the largest primary shard holds fewer documents' -r
complete -c esops -n "__fish_esops_using_subcommand rollover" -l now -d 'The time to show ages against (RFC 3339); default: now' -r
complete -c esops -n "__fish_esops_using_subcommand rollover" -s o -l output -d 'Output format' -r -f -a "table\t'Aligned text for people'
json\t'JSON (stable field names)'
yaml\t'YAML'"
complete -c esops -n "__fish_esops_using_subcommand rollover" -l context -d 'Use this context of the config file (default: ESOPS_CONTEXT, then `current_context`). Several (`a,b`, or a pattern such as `prod-*`): read-only commands print one report; commands that change clusters show every plan, ask once, then go cluster by cluster' -r
complete -c esops -n "__fish_esops_using_subcommand rollover" -l parallel -d 'With several contexts: how many clusters to work on at once' -r
complete -c esops -n "__fish_esops_using_subcommand rollover" -l url -d 'Cluster URL, e.g. https://es.example.com:9200' -r
complete -c esops -n "__fish_esops_using_subcommand rollover" -l cloud-id -d 'Elastic Cloud ID (instead of --url)' -r
complete -c esops -n "__fish_esops_using_subcommand rollover" -l api-key -d 'API key: the encoded form, or ID:KEY. Prefer ESOPS_API_KEY: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand rollover" -l user -d 'User for basic authentication' -r
complete -c esops -n "__fish_esops_using_subcommand rollover" -l password -d 'Password for basic authentication. Prefer ESOPS_PASSWORD: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand rollover" -l bearer-token -d 'Bearer token (service account token, OAuth2 access token, JWT)' -r
complete -c esops -n "__fish_esops_using_subcommand rollover" -l ca-cert -d 'PEM file with the CA that signed the cluster\'s certificate (trusted in addition to the system store)' -r -F
complete -c esops -n "__fish_esops_using_subcommand rollover" -l ca-fingerprint -d 'Trust the cluster by the SHA-256 fingerprint of its CA (or certificate), as Elasticsearch prints it at first start' -r
complete -c esops -n "__fish_esops_using_subcommand rollover" -l client-cert -d 'PEM client certificate for mutual TLS (with --client-key)' -r -F
complete -c esops -n "__fish_esops_using_subcommand rollover" -l client-key -d 'PEM private key of the client certificate (unencrypted)' -r -F
complete -c esops -n "__fish_esops_using_subcommand rollover" -s H -l header -d 'Extra request header, `Name: value` (repeatable); `@FILE` reads `Name: value` lines from FILE' -r
complete -c esops -n "__fish_esops_using_subcommand rollover" -l proxy -d 'HTTP(S) proxy URL (default: ESOPS_PROXY, the context\'s `proxy`, then HTTPS_PROXY/HTTP_PROXY/ALL_PROXY with NO_PROXY)' -r
complete -c esops -n "__fish_esops_using_subcommand rollover" -l aws-region -d 'AWS region to sign for (default: ESOPS_AWS_REGION, AWS_REGION, the context, the *.amazonaws.com URL)' -r
complete -c esops -n "__fish_esops_using_subcommand rollover" -l aws-service -d 'AWS signing service: es (OpenSearch Service, Elasticsearch Service) or aoss (Serverless)' -r
complete -c esops -n "__fish_esops_using_subcommand rollover" -l aws-profile -d 'Profile of the AWS config files to take credentials from (instead of AWS_PROFILE)' -r
complete -c esops -n "__fish_esops_using_subcommand rollover" -l timeout -d 'Timeout of each request, connecting and reading the whole answer included (e.g. 30s, 2m)' -r
complete -c esops -n "__fish_esops_using_subcommand rollover" -l deadline -d 'Bound on the whole run (e.g. 5m): no request starts after it and one under way is cut off; the command then says what it did and what it left undone' -r
complete -c esops -n "__fish_esops_using_subcommand rollover" -l color -d 'When to use colour' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always'
never\t'Never'"
complete -c esops -n "__fish_esops_using_subcommand rollover" -l force -d 'Roll over unconditionally (ignores conditions)'
complete -c esops -n "__fish_esops_using_subcommand rollover" -l execute -d 'Roll over the targets that are due (or all, with --force)'
complete -c esops -n "__fish_esops_using_subcommand rollover" -s y -l yes -d 'With --execute on several contexts: roll over without asking (required when stdin or stdout is not a terminal). One cluster is never asked: a rollover deletes nothing'
complete -c esops -n "__fish_esops_using_subcommand rollover" -l all-contexts -d 'Run on every context of the config file (as several --context)'
complete -c esops -n "__fish_esops_using_subcommand rollover" -l keep-going -d 'With several contexts, for commands that change clusters: go on past a cluster that cannot be planned or fails (default: change nothing when one cannot be planned; stop at the first failure)'
complete -c esops -n "__fish_esops_using_subcommand rollover" -l insecure -d 'Do not verify the cluster\'s TLS certificate. Dangerous: for a one-off diagnosis only'
complete -c esops -n "__fish_esops_using_subcommand rollover" -l no-proxy -d 'Connect directly, whatever proxy the environment or the context names'
complete -c esops -n "__fish_esops_using_subcommand rollover" -l aws-sigv4 -d 'Sign requests with AWS SigV4 (Amazon OpenSearch Service, OpenSearch Serverless); credentials from the AWS SDK\'s chain'
complete -c esops -n "__fish_esops_using_subcommand rollover" -l sandbox -d 'Run against a fresh in-process sandbox cluster instead of a real one'
complete -c esops -n "__fish_esops_using_subcommand rollover" -s v -l verbose -d 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)'
complete -c esops -n "__fish_esops_using_subcommand rollover" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c esops -n "__fish_esops_using_subcommand rollover" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esops -n "__fish_esops_using_subcommand ilm; and not __fish_seen_subcommand_from explain retry attach detach switch move start stop status help" -l context -d 'Use this context of the config file (default: ESOPS_CONTEXT, then `current_context`). Several (`a,b`, or a pattern such as `prod-*`): read-only commands print one report; commands that change clusters show every plan, ask once, then go cluster by cluster' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and not __fish_seen_subcommand_from explain retry attach detach switch move start stop status help" -l parallel -d 'With several contexts: how many clusters to work on at once' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and not __fish_seen_subcommand_from explain retry attach detach switch move start stop status help" -l url -d 'Cluster URL, e.g. https://es.example.com:9200' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and not __fish_seen_subcommand_from explain retry attach detach switch move start stop status help" -l cloud-id -d 'Elastic Cloud ID (instead of --url)' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and not __fish_seen_subcommand_from explain retry attach detach switch move start stop status help" -l api-key -d 'API key: the encoded form, or ID:KEY. Prefer ESOPS_API_KEY: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and not __fish_seen_subcommand_from explain retry attach detach switch move start stop status help" -l user -d 'User for basic authentication' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and not __fish_seen_subcommand_from explain retry attach detach switch move start stop status help" -l password -d 'Password for basic authentication. Prefer ESOPS_PASSWORD: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and not __fish_seen_subcommand_from explain retry attach detach switch move start stop status help" -l bearer-token -d 'Bearer token (service account token, OAuth2 access token, JWT)' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and not __fish_seen_subcommand_from explain retry attach detach switch move start stop status help" -l ca-cert -d 'PEM file with the CA that signed the cluster\'s certificate (trusted in addition to the system store)' -r -F
complete -c esops -n "__fish_esops_using_subcommand ilm; and not __fish_seen_subcommand_from explain retry attach detach switch move start stop status help" -l ca-fingerprint -d 'Trust the cluster by the SHA-256 fingerprint of its CA (or certificate), as Elasticsearch prints it at first start' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and not __fish_seen_subcommand_from explain retry attach detach switch move start stop status help" -l client-cert -d 'PEM client certificate for mutual TLS (with --client-key)' -r -F
complete -c esops -n "__fish_esops_using_subcommand ilm; and not __fish_seen_subcommand_from explain retry attach detach switch move start stop status help" -l client-key -d 'PEM private key of the client certificate (unencrypted)' -r -F
complete -c esops -n "__fish_esops_using_subcommand ilm; and not __fish_seen_subcommand_from explain retry attach detach switch move start stop status help" -s H -l header -d 'Extra request header, `Name: value` (repeatable); `@FILE` reads `Name: value` lines from FILE' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and not __fish_seen_subcommand_from explain retry attach detach switch move start stop status help" -l proxy -d 'HTTP(S) proxy URL (default: ESOPS_PROXY, the context\'s `proxy`, then HTTPS_PROXY/HTTP_PROXY/ALL_PROXY with NO_PROXY)' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and not __fish_seen_subcommand_from explain retry attach detach switch move start stop status help" -l aws-region -d 'AWS region to sign for (default: ESOPS_AWS_REGION, AWS_REGION, the context, the *.amazonaws.com URL)' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and not __fish_seen_subcommand_from explain retry attach detach switch move start stop status help" -l aws-service -d 'AWS signing service: es (OpenSearch Service, Elasticsearch Service) or aoss (Serverless)' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and not __fish_seen_subcommand_from explain retry attach detach switch move start stop status help" -l aws-profile -d 'Profile of the AWS config files to take credentials from (instead of AWS_PROFILE)' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and not __fish_seen_subcommand_from explain retry attach detach switch move start stop status help" -l timeout -d 'Timeout of each request, connecting and reading the whole answer included (e.g. 30s, 2m)' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and not __fish_seen_subcommand_from explain retry attach detach switch move start stop status help" -l deadline -d 'Bound on the whole run (e.g. 5m): no request starts after it and one under way is cut off; the command then says what it did and what it left undone' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and not __fish_seen_subcommand_from explain retry attach detach switch move start stop status help" -l color -d 'When to use colour' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always'
never\t'Never'"
complete -c esops -n "__fish_esops_using_subcommand ilm; and not __fish_seen_subcommand_from explain retry attach detach switch move start stop status help" -l all-contexts -d 'Run on every context of the config file (as several --context)'
complete -c esops -n "__fish_esops_using_subcommand ilm; and not __fish_seen_subcommand_from explain retry attach detach switch move start stop status help" -l keep-going -d 'With several contexts, for commands that change clusters: go on past a cluster that cannot be planned or fails (default: change nothing when one cannot be planned; stop at the first failure)'
complete -c esops -n "__fish_esops_using_subcommand ilm; and not __fish_seen_subcommand_from explain retry attach detach switch move start stop status help" -l insecure -d 'Do not verify the cluster\'s TLS certificate. Dangerous: for a one-off diagnosis only'
complete -c esops -n "__fish_esops_using_subcommand ilm; and not __fish_seen_subcommand_from explain retry attach detach switch move start stop status help" -l no-proxy -d 'Connect directly, whatever proxy the environment or the context names'
complete -c esops -n "__fish_esops_using_subcommand ilm; and not __fish_seen_subcommand_from explain retry attach detach switch move start stop status help" -l aws-sigv4 -d 'Sign requests with AWS SigV4 (Amazon OpenSearch Service, OpenSearch Serverless); credentials from the AWS SDK\'s chain'
complete -c esops -n "__fish_esops_using_subcommand ilm; and not __fish_seen_subcommand_from explain retry attach detach switch move start stop status help" -l sandbox -d 'Run against a fresh in-process sandbox cluster instead of a real one'
complete -c esops -n "__fish_esops_using_subcommand ilm; and not __fish_seen_subcommand_from explain retry attach detach switch move start stop status help" -s v -l verbose -d 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)'
complete -c esops -n "__fish_esops_using_subcommand ilm; and not __fish_seen_subcommand_from explain retry attach detach switch move start stop status help" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c esops -n "__fish_esops_using_subcommand ilm; and not __fish_seen_subcommand_from explain retry attach detach switch move start stop status help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esops -n "__fish_esops_using_subcommand ilm; and not __fish_seen_subcommand_from explain retry attach detach switch move start stop status help" -f -a "explain" -d 'Where ILM stands with each index: errors first, with the step that failed and why'
complete -c esops -n "__fish_esops_using_subcommand ilm; and not __fish_seen_subcommand_from explain retry attach detach switch move start stop status help" -f -a "retry" -d 'Retry the failed ILM step of the given indices that are in the ERROR step (others are left alone)'
complete -c esops -n "__fish_esops_using_subcommand ilm; and not __fish_seen_subcommand_from explain retry attach detach switch move start stop status help" -f -a "attach" -d 'Put unmanaged indices under an ILM policy (sets index.lifecycle.name); dry run unless --execute'
complete -c esops -n "__fish_esops_using_subcommand ilm; and not __fish_seen_subcommand_from explain retry attach detach switch move start stop status help" -f -a "detach" -d 'Take indices out of ILM (POST /NAMES/_ilm/remove); dry run unless --execute'
complete -c esops -n "__fish_esops_using_subcommand ilm; and not __fish_seen_subcommand_from explain retry attach detach switch move start stop status help" -f -a "switch" -d 'Change the ILM policy of managed indices (each finishes its current phase first); dry run unless --execute'
complete -c esops -n "__fish_esops_using_subcommand ilm; and not __fish_seen_subcommand_from explain retry attach detach switch move start stop status help" -f -a "move" -d 'Move one index to another ILM step (POST /_ilm/move/INDEX); dry run unless --execute'
complete -c esops -n "__fish_esops_using_subcommand ilm; and not __fish_seen_subcommand_from explain retry attach detach switch move start stop status help" -f -a "start" -d 'Start ILM on the cluster (POST /_ilm/start); dry run unless --execute'
complete -c esops -n "__fish_esops_using_subcommand ilm; and not __fish_seen_subcommand_from explain retry attach detach switch move start stop status help" -f -a "stop" -d 'Stop ILM on the cluster (POST /_ilm/stop); dry run unless --execute'
complete -c esops -n "__fish_esops_using_subcommand ilm; and not __fish_seen_subcommand_from explain retry attach detach switch move start stop status help" -f -a "status" -d 'ILM\'s operation mode and what it manages: indices per phase, in ERROR, waiting'
complete -c esops -n "__fish_esops_using_subcommand ilm; and not __fish_seen_subcommand_from explain retry attach detach switch move start stop status help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from explain" -l policy -d 'Only indices managed by this policy (`*` wildcards allowed)' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from explain" -l now -d 'Measure ages against this time (RFC 3339, e.g. 2024-06-01T00:00:00Z); default: now' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from explain" -s o -l output -d 'Output format' -r -f -a "table\t'A table for people; the reason of each error under its row'
json\t'JSON: every field, the whole `step_info` included'
csv\t'CSV, ages in milliseconds'
markdown\t'Markdown, for CI job summaries'"
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from explain" -l context -d 'Use this context of the config file (default: ESOPS_CONTEXT, then `current_context`). Several (`a,b`, or a pattern such as `prod-*`): read-only commands print one report; commands that change clusters show every plan, ask once, then go cluster by cluster' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from explain" -l parallel -d 'With several contexts: how many clusters to work on at once' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from explain" -l url -d 'Cluster URL, e.g. https://es.example.com:9200' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from explain" -l cloud-id -d 'Elastic Cloud ID (instead of --url)' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from explain" -l api-key -d 'API key: the encoded form, or ID:KEY. Prefer ESOPS_API_KEY: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from explain" -l user -d 'User for basic authentication' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from explain" -l password -d 'Password for basic authentication. Prefer ESOPS_PASSWORD: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from explain" -l bearer-token -d 'Bearer token (service account token, OAuth2 access token, JWT)' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from explain" -l ca-cert -d 'PEM file with the CA that signed the cluster\'s certificate (trusted in addition to the system store)' -r -F
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from explain" -l ca-fingerprint -d 'Trust the cluster by the SHA-256 fingerprint of its CA (or certificate), as Elasticsearch prints it at first start' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from explain" -l client-cert -d 'PEM client certificate for mutual TLS (with --client-key)' -r -F
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from explain" -l client-key -d 'PEM private key of the client certificate (unencrypted)' -r -F
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from explain" -s H -l header -d 'Extra request header, `Name: value` (repeatable); `@FILE` reads `Name: value` lines from FILE' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from explain" -l proxy -d 'HTTP(S) proxy URL (default: ESOPS_PROXY, the context\'s `proxy`, then HTTPS_PROXY/HTTP_PROXY/ALL_PROXY with NO_PROXY)' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from explain" -l aws-region -d 'AWS region to sign for (default: ESOPS_AWS_REGION, AWS_REGION, the context, the *.amazonaws.com URL)' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from explain" -l aws-service -d 'AWS signing service: es (OpenSearch Service, Elasticsearch Service) or aoss (Serverless)' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from explain" -l aws-profile -d 'Profile of the AWS config files to take credentials from (instead of AWS_PROFILE)' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from explain" -l timeout -d 'Timeout of each request, connecting and reading the whole answer included (e.g. 30s, 2m)' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from explain" -l deadline -d 'Bound on the whole run (e.g. 5m): no request starts after it and one under way is cut off; the command then says what it did and what it left undone' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from explain" -l color -d 'When to use colour' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always'
never\t'Never'"
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from explain" -l only-errors -d 'Only indices in the ERROR step, or whose policy does not exist'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from explain" -l unmanaged -d 'List the indices no policy manages too (by default they are only counted, unless named)'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from explain" -l fail-on-error -d 'Exit 2 when an index is in the ERROR step or its policy does not exist (for cron and CI)'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from explain" -l all-contexts -d 'Run on every context of the config file (as several --context)'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from explain" -l keep-going -d 'With several contexts, for commands that change clusters: go on past a cluster that cannot be planned or fails (default: change nothing when one cannot be planned; stop at the first failure)'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from explain" -l insecure -d 'Do not verify the cluster\'s TLS certificate. Dangerous: for a one-off diagnosis only'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from explain" -l no-proxy -d 'Connect directly, whatever proxy the environment or the context names'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from explain" -l aws-sigv4 -d 'Sign requests with AWS SigV4 (Amazon OpenSearch Service, OpenSearch Serverless); credentials from the AWS SDK\'s chain'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from explain" -l sandbox -d 'Run against a fresh in-process sandbox cluster instead of a real one'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from explain" -s v -l verbose -d 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from explain" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from explain" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from retry" -s o -l output -d 'Output format' -r -f -a "table\t'Aligned text for people'
json\t'JSON (stable field names)'
yaml\t'YAML'"
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from retry" -l context -d 'Use this context of the config file (default: ESOPS_CONTEXT, then `current_context`). Several (`a,b`, or a pattern such as `prod-*`): read-only commands print one report; commands that change clusters show every plan, ask once, then go cluster by cluster' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from retry" -l parallel -d 'With several contexts: how many clusters to work on at once' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from retry" -l url -d 'Cluster URL, e.g. https://es.example.com:9200' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from retry" -l cloud-id -d 'Elastic Cloud ID (instead of --url)' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from retry" -l api-key -d 'API key: the encoded form, or ID:KEY. Prefer ESOPS_API_KEY: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from retry" -l user -d 'User for basic authentication' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from retry" -l password -d 'Password for basic authentication. Prefer ESOPS_PASSWORD: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from retry" -l bearer-token -d 'Bearer token (service account token, OAuth2 access token, JWT)' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from retry" -l ca-cert -d 'PEM file with the CA that signed the cluster\'s certificate (trusted in addition to the system store)' -r -F
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from retry" -l ca-fingerprint -d 'Trust the cluster by the SHA-256 fingerprint of its CA (or certificate), as Elasticsearch prints it at first start' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from retry" -l client-cert -d 'PEM client certificate for mutual TLS (with --client-key)' -r -F
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from retry" -l client-key -d 'PEM private key of the client certificate (unencrypted)' -r -F
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from retry" -s H -l header -d 'Extra request header, `Name: value` (repeatable); `@FILE` reads `Name: value` lines from FILE' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from retry" -l proxy -d 'HTTP(S) proxy URL (default: ESOPS_PROXY, the context\'s `proxy`, then HTTPS_PROXY/HTTP_PROXY/ALL_PROXY with NO_PROXY)' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from retry" -l aws-region -d 'AWS region to sign for (default: ESOPS_AWS_REGION, AWS_REGION, the context, the *.amazonaws.com URL)' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from retry" -l aws-service -d 'AWS signing service: es (OpenSearch Service, Elasticsearch Service) or aoss (Serverless)' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from retry" -l aws-profile -d 'Profile of the AWS config files to take credentials from (instead of AWS_PROFILE)' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from retry" -l timeout -d 'Timeout of each request, connecting and reading the whole answer included (e.g. 30s, 2m)' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from retry" -l deadline -d 'Bound on the whole run (e.g. 5m): no request starts after it and one under way is cut off; the command then says what it did and what it left undone' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from retry" -l color -d 'When to use colour' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always'
never\t'Never'"
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from retry" -s y -l yes -d 'Retry without asking (required when stdin or stdout is not a terminal, as in cron)'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from retry" -l all-contexts -d 'Run on every context of the config file (as several --context)'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from retry" -l keep-going -d 'With several contexts, for commands that change clusters: go on past a cluster that cannot be planned or fails (default: change nothing when one cannot be planned; stop at the first failure)'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from retry" -l insecure -d 'Do not verify the cluster\'s TLS certificate. Dangerous: for a one-off diagnosis only'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from retry" -l no-proxy -d 'Connect directly, whatever proxy the environment or the context names'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from retry" -l aws-sigv4 -d 'Sign requests with AWS SigV4 (Amazon OpenSearch Service, OpenSearch Serverless); credentials from the AWS SDK\'s chain'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from retry" -l sandbox -d 'Run against a fresh in-process sandbox cluster instead of a real one'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from retry" -s v -l verbose -d 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from retry" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from retry" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from attach" -s o -l output -d 'Output format' -r -f -a "table\t'Aligned text for people'
json\t'JSON (stable field names)'
yaml\t'YAML'"
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from attach" -l max -d 'Refuse to change more than N indices (nothing is changed then)' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from attach" -l now -d 'Measure ages for the preview against this time (RFC 3339); default: now. ILM itself always uses the cluster\'s clock' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from attach" -l context -d 'Use this context of the config file (default: ESOPS_CONTEXT, then `current_context`). Several (`a,b`, or a pattern such as `prod-*`): read-only commands print one report; commands that change clusters show every plan, ask once, then go cluster by cluster' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from attach" -l parallel -d 'With several contexts: how many clusters to work on at once' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from attach" -l url -d 'Cluster URL, e.g. https://es.example.com:9200' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from attach" -l cloud-id -d 'Elastic Cloud ID (instead of --url)' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from attach" -l api-key -d 'API key: the encoded form, or ID:KEY. Prefer ESOPS_API_KEY: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from attach" -l user -d 'User for basic authentication' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from attach" -l password -d 'Password for basic authentication. Prefer ESOPS_PASSWORD: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from attach" -l bearer-token -d 'Bearer token (service account token, OAuth2 access token, JWT)' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from attach" -l ca-cert -d 'PEM file with the CA that signed the cluster\'s certificate (trusted in addition to the system store)' -r -F
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from attach" -l ca-fingerprint -d 'Trust the cluster by the SHA-256 fingerprint of its CA (or certificate), as Elasticsearch prints it at first start' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from attach" -l client-cert -d 'PEM client certificate for mutual TLS (with --client-key)' -r -F
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from attach" -l client-key -d 'PEM private key of the client certificate (unencrypted)' -r -F
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from attach" -s H -l header -d 'Extra request header, `Name: value` (repeatable); `@FILE` reads `Name: value` lines from FILE' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from attach" -l proxy -d 'HTTP(S) proxy URL (default: ESOPS_PROXY, the context\'s `proxy`, then HTTPS_PROXY/HTTP_PROXY/ALL_PROXY with NO_PROXY)' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from attach" -l aws-region -d 'AWS region to sign for (default: ESOPS_AWS_REGION, AWS_REGION, the context, the *.amazonaws.com URL)' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from attach" -l aws-service -d 'AWS signing service: es (OpenSearch Service, Elasticsearch Service) or aoss (Serverless)' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from attach" -l aws-profile -d 'Profile of the AWS config files to take credentials from (instead of AWS_PROFILE)' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from attach" -l timeout -d 'Timeout of each request, connecting and reading the whole answer included (e.g. 30s, 2m)' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from attach" -l deadline -d 'Bound on the whole run (e.g. 5m): no request starts after it and one under way is cut off; the command then says what it did and what it left undone' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from attach" -l color -d 'When to use colour' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always'
never\t'Never'"
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from attach" -l execute -d 'Make the change (after showing it); without it, only show what would change'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from attach" -s y -l yes -d 'With --execute: do not ask (required when stdin or stdout is not a terminal, as in cron)'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from attach" -l all-contexts -d 'Run on every context of the config file (as several --context)'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from attach" -l keep-going -d 'With several contexts, for commands that change clusters: go on past a cluster that cannot be planned or fails (default: change nothing when one cannot be planned; stop at the first failure)'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from attach" -l insecure -d 'Do not verify the cluster\'s TLS certificate. Dangerous: for a one-off diagnosis only'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from attach" -l no-proxy -d 'Connect directly, whatever proxy the environment or the context names'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from attach" -l aws-sigv4 -d 'Sign requests with AWS SigV4 (Amazon OpenSearch Service, OpenSearch Serverless); credentials from the AWS SDK\'s chain'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from attach" -l sandbox -d 'Run against a fresh in-process sandbox cluster instead of a real one'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from attach" -s v -l verbose -d 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from attach" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from attach" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from detach" -s o -l output -d 'Output format' -r -f -a "table\t'Aligned text for people'
json\t'JSON (stable field names)'
yaml\t'YAML'"
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from detach" -l max -d 'Refuse to change more than N indices (nothing is changed then)' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from detach" -l now -d 'Measure ages for the preview against this time (RFC 3339); default: now. ILM itself always uses the cluster\'s clock' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from detach" -l context -d 'Use this context of the config file (default: ESOPS_CONTEXT, then `current_context`). Several (`a,b`, or a pattern such as `prod-*`): read-only commands print one report; commands that change clusters show every plan, ask once, then go cluster by cluster' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from detach" -l parallel -d 'With several contexts: how many clusters to work on at once' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from detach" -l url -d 'Cluster URL, e.g. https://es.example.com:9200' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from detach" -l cloud-id -d 'Elastic Cloud ID (instead of --url)' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from detach" -l api-key -d 'API key: the encoded form, or ID:KEY. Prefer ESOPS_API_KEY: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from detach" -l user -d 'User for basic authentication' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from detach" -l password -d 'Password for basic authentication. Prefer ESOPS_PASSWORD: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from detach" -l bearer-token -d 'Bearer token (service account token, OAuth2 access token, JWT)' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from detach" -l ca-cert -d 'PEM file with the CA that signed the cluster\'s certificate (trusted in addition to the system store)' -r -F
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from detach" -l ca-fingerprint -d 'Trust the cluster by the SHA-256 fingerprint of its CA (or certificate), as Elasticsearch prints it at first start' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from detach" -l client-cert -d 'PEM client certificate for mutual TLS (with --client-key)' -r -F
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from detach" -l client-key -d 'PEM private key of the client certificate (unencrypted)' -r -F
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from detach" -s H -l header -d 'Extra request header, `Name: value` (repeatable); `@FILE` reads `Name: value` lines from FILE' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from detach" -l proxy -d 'HTTP(S) proxy URL (default: ESOPS_PROXY, the context\'s `proxy`, then HTTPS_PROXY/HTTP_PROXY/ALL_PROXY with NO_PROXY)' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from detach" -l aws-region -d 'AWS region to sign for (default: ESOPS_AWS_REGION, AWS_REGION, the context, the *.amazonaws.com URL)' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from detach" -l aws-service -d 'AWS signing service: es (OpenSearch Service, Elasticsearch Service) or aoss (Serverless)' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from detach" -l aws-profile -d 'Profile of the AWS config files to take credentials from (instead of AWS_PROFILE)' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from detach" -l timeout -d 'Timeout of each request, connecting and reading the whole answer included (e.g. 30s, 2m)' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from detach" -l deadline -d 'Bound on the whole run (e.g. 5m): no request starts after it and one under way is cut off; the command then says what it did and what it left undone' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from detach" -l color -d 'When to use colour' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always'
never\t'Never'"
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from detach" -l execute -d 'Make the change (after showing it); without it, only show what would change'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from detach" -s y -l yes -d 'With --execute: do not ask (required when stdin or stdout is not a terminal, as in cron)'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from detach" -l all-contexts -d 'Run on every context of the config file (as several --context)'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from detach" -l keep-going -d 'With several contexts, for commands that change clusters: go on past a cluster that cannot be planned or fails (default: change nothing when one cannot be planned; stop at the first failure)'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from detach" -l insecure -d 'Do not verify the cluster\'s TLS certificate. Dangerous: for a one-off diagnosis only'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from detach" -l no-proxy -d 'Connect directly, whatever proxy the environment or the context names'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from detach" -l aws-sigv4 -d 'Sign requests with AWS SigV4 (Amazon OpenSearch Service, OpenSearch Serverless); credentials from the AWS SDK\'s chain'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from detach" -l sandbox -d 'Run against a fresh in-process sandbox cluster instead of a real one'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from detach" -s v -l verbose -d 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from detach" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from detach" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from switch" -s o -l output -d 'Output format' -r -f -a "table\t'Aligned text for people'
json\t'JSON (stable field names)'
yaml\t'YAML'"
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from switch" -l max -d 'Refuse to change more than N indices (nothing is changed then)' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from switch" -l now -d 'Measure ages for the preview against this time (RFC 3339); default: now. ILM itself always uses the cluster\'s clock' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from switch" -l context -d 'Use this context of the config file (default: ESOPS_CONTEXT, then `current_context`). Several (`a,b`, or a pattern such as `prod-*`): read-only commands print one report; commands that change clusters show every plan, ask once, then go cluster by cluster' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from switch" -l parallel -d 'With several contexts: how many clusters to work on at once' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from switch" -l url -d 'Cluster URL, e.g. https://es.example.com:9200' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from switch" -l cloud-id -d 'Elastic Cloud ID (instead of --url)' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from switch" -l api-key -d 'API key: the encoded form, or ID:KEY. Prefer ESOPS_API_KEY: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from switch" -l user -d 'User for basic authentication' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from switch" -l password -d 'Password for basic authentication. Prefer ESOPS_PASSWORD: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from switch" -l bearer-token -d 'Bearer token (service account token, OAuth2 access token, JWT)' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from switch" -l ca-cert -d 'PEM file with the CA that signed the cluster\'s certificate (trusted in addition to the system store)' -r -F
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from switch" -l ca-fingerprint -d 'Trust the cluster by the SHA-256 fingerprint of its CA (or certificate), as Elasticsearch prints it at first start' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from switch" -l client-cert -d 'PEM client certificate for mutual TLS (with --client-key)' -r -F
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from switch" -l client-key -d 'PEM private key of the client certificate (unencrypted)' -r -F
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from switch" -s H -l header -d 'Extra request header, `Name: value` (repeatable); `@FILE` reads `Name: value` lines from FILE' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from switch" -l proxy -d 'HTTP(S) proxy URL (default: ESOPS_PROXY, the context\'s `proxy`, then HTTPS_PROXY/HTTP_PROXY/ALL_PROXY with NO_PROXY)' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from switch" -l aws-region -d 'AWS region to sign for (default: ESOPS_AWS_REGION, AWS_REGION, the context, the *.amazonaws.com URL)' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from switch" -l aws-service -d 'AWS signing service: es (OpenSearch Service, Elasticsearch Service) or aoss (Serverless)' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from switch" -l aws-profile -d 'Profile of the AWS config files to take credentials from (instead of AWS_PROFILE)' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from switch" -l timeout -d 'Timeout of each request, connecting and reading the whole answer included (e.g. 30s, 2m)' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from switch" -l deadline -d 'Bound on the whole run (e.g. 5m): no request starts after it and one under way is cut off; the command then says what it did and what it left undone' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from switch" -l color -d 'When to use colour' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always'
never\t'Never'"
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from switch" -l execute -d 'Make the change (after showing it); without it, only show what would change'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from switch" -s y -l yes -d 'With --execute: do not ask (required when stdin or stdout is not a terminal, as in cron)'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from switch" -l all-contexts -d 'Run on every context of the config file (as several --context)'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from switch" -l keep-going -d 'With several contexts, for commands that change clusters: go on past a cluster that cannot be planned or fails (default: change nothing when one cannot be planned; stop at the first failure)'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from switch" -l insecure -d 'Do not verify the cluster\'s TLS certificate. Dangerous: for a one-off diagnosis only'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from switch" -l no-proxy -d 'Connect directly, whatever proxy the environment or the context names'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from switch" -l aws-sigv4 -d 'Sign requests with AWS SigV4 (Amazon OpenSearch Service, OpenSearch Serverless); credentials from the AWS SDK\'s chain'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from switch" -l sandbox -d 'Run against a fresh in-process sandbox cluster instead of a real one'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from switch" -s v -l verbose -d 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from switch" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from switch" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from move" -l to -d 'The target step: PHASE[/ACTION[/STEP]], e.g. `warm`, `delete/delete`, `hot/rollover/check-rollover-ready`' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from move" -s o -l output -d 'Output format' -r -f -a "table\t'Aligned text for people'
json\t'JSON (stable field names)'
yaml\t'YAML'"
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from move" -l context -d 'Use this context of the config file (default: ESOPS_CONTEXT, then `current_context`). Several (`a,b`, or a pattern such as `prod-*`): read-only commands print one report; commands that change clusters show every plan, ask once, then go cluster by cluster' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from move" -l parallel -d 'With several contexts: how many clusters to work on at once' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from move" -l url -d 'Cluster URL, e.g. https://es.example.com:9200' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from move" -l cloud-id -d 'Elastic Cloud ID (instead of --url)' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from move" -l api-key -d 'API key: the encoded form, or ID:KEY. Prefer ESOPS_API_KEY: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from move" -l user -d 'User for basic authentication' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from move" -l password -d 'Password for basic authentication. Prefer ESOPS_PASSWORD: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from move" -l bearer-token -d 'Bearer token (service account token, OAuth2 access token, JWT)' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from move" -l ca-cert -d 'PEM file with the CA that signed the cluster\'s certificate (trusted in addition to the system store)' -r -F
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from move" -l ca-fingerprint -d 'Trust the cluster by the SHA-256 fingerprint of its CA (or certificate), as Elasticsearch prints it at first start' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from move" -l client-cert -d 'PEM client certificate for mutual TLS (with --client-key)' -r -F
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from move" -l client-key -d 'PEM private key of the client certificate (unencrypted)' -r -F
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from move" -s H -l header -d 'Extra request header, `Name: value` (repeatable); `@FILE` reads `Name: value` lines from FILE' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from move" -l proxy -d 'HTTP(S) proxy URL (default: ESOPS_PROXY, the context\'s `proxy`, then HTTPS_PROXY/HTTP_PROXY/ALL_PROXY with NO_PROXY)' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from move" -l aws-region -d 'AWS region to sign for (default: ESOPS_AWS_REGION, AWS_REGION, the context, the *.amazonaws.com URL)' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from move" -l aws-service -d 'AWS signing service: es (OpenSearch Service, Elasticsearch Service) or aoss (Serverless)' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from move" -l aws-profile -d 'Profile of the AWS config files to take credentials from (instead of AWS_PROFILE)' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from move" -l timeout -d 'Timeout of each request, connecting and reading the whole answer included (e.g. 30s, 2m)' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from move" -l deadline -d 'Bound on the whole run (e.g. 5m): no request starts after it and one under way is cut off; the command then says what it did and what it left undone' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from move" -l color -d 'When to use colour' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always'
never\t'Never'"
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from move" -l execute -d 'Make the change (after showing it); without it, only show what would change'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from move" -s y -l yes -d 'With --execute: do not ask (required when stdin or stdout is not a terminal, as in cron)'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from move" -l all-contexts -d 'Run on every context of the config file (as several --context)'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from move" -l keep-going -d 'With several contexts, for commands that change clusters: go on past a cluster that cannot be planned or fails (default: change nothing when one cannot be planned; stop at the first failure)'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from move" -l insecure -d 'Do not verify the cluster\'s TLS certificate. Dangerous: for a one-off diagnosis only'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from move" -l no-proxy -d 'Connect directly, whatever proxy the environment or the context names'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from move" -l aws-sigv4 -d 'Sign requests with AWS SigV4 (Amazon OpenSearch Service, OpenSearch Serverless); credentials from the AWS SDK\'s chain'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from move" -l sandbox -d 'Run against a fresh in-process sandbox cluster instead of a real one'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from move" -s v -l verbose -d 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from move" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from move" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from start" -s o -l output -d 'Output format' -r -f -a "table\t'Aligned text for people'
json\t'JSON (stable field names)'
yaml\t'YAML'"
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from start" -l context -d 'Use this context of the config file (default: ESOPS_CONTEXT, then `current_context`). Several (`a,b`, or a pattern such as `prod-*`): read-only commands print one report; commands that change clusters show every plan, ask once, then go cluster by cluster' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from start" -l parallel -d 'With several contexts: how many clusters to work on at once' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from start" -l url -d 'Cluster URL, e.g. https://es.example.com:9200' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from start" -l cloud-id -d 'Elastic Cloud ID (instead of --url)' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from start" -l api-key -d 'API key: the encoded form, or ID:KEY. Prefer ESOPS_API_KEY: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from start" -l user -d 'User for basic authentication' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from start" -l password -d 'Password for basic authentication. Prefer ESOPS_PASSWORD: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from start" -l bearer-token -d 'Bearer token (service account token, OAuth2 access token, JWT)' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from start" -l ca-cert -d 'PEM file with the CA that signed the cluster\'s certificate (trusted in addition to the system store)' -r -F
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from start" -l ca-fingerprint -d 'Trust the cluster by the SHA-256 fingerprint of its CA (or certificate), as Elasticsearch prints it at first start' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from start" -l client-cert -d 'PEM client certificate for mutual TLS (with --client-key)' -r -F
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from start" -l client-key -d 'PEM private key of the client certificate (unencrypted)' -r -F
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from start" -s H -l header -d 'Extra request header, `Name: value` (repeatable); `@FILE` reads `Name: value` lines from FILE' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from start" -l proxy -d 'HTTP(S) proxy URL (default: ESOPS_PROXY, the context\'s `proxy`, then HTTPS_PROXY/HTTP_PROXY/ALL_PROXY with NO_PROXY)' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from start" -l aws-region -d 'AWS region to sign for (default: ESOPS_AWS_REGION, AWS_REGION, the context, the *.amazonaws.com URL)' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from start" -l aws-service -d 'AWS signing service: es (OpenSearch Service, Elasticsearch Service) or aoss (Serverless)' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from start" -l aws-profile -d 'Profile of the AWS config files to take credentials from (instead of AWS_PROFILE)' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from start" -l timeout -d 'Timeout of each request, connecting and reading the whole answer included (e.g. 30s, 2m)' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from start" -l deadline -d 'Bound on the whole run (e.g. 5m): no request starts after it and one under way is cut off; the command then says what it did and what it left undone' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from start" -l color -d 'When to use colour' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always'
never\t'Never'"
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from start" -l execute -d 'Make the change (after showing it); without it, only show what would change'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from start" -s y -l yes -d 'With --execute: do not ask (required when stdin or stdout is not a terminal, as in cron)'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from start" -l all-contexts -d 'Run on every context of the config file (as several --context)'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from start" -l keep-going -d 'With several contexts, for commands that change clusters: go on past a cluster that cannot be planned or fails (default: change nothing when one cannot be planned; stop at the first failure)'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from start" -l insecure -d 'Do not verify the cluster\'s TLS certificate. Dangerous: for a one-off diagnosis only'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from start" -l no-proxy -d 'Connect directly, whatever proxy the environment or the context names'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from start" -l aws-sigv4 -d 'Sign requests with AWS SigV4 (Amazon OpenSearch Service, OpenSearch Serverless); credentials from the AWS SDK\'s chain'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from start" -l sandbox -d 'Run against a fresh in-process sandbox cluster instead of a real one'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from start" -s v -l verbose -d 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from start" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from start" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from stop" -s o -l output -d 'Output format' -r -f -a "table\t'Aligned text for people'
json\t'JSON (stable field names)'
yaml\t'YAML'"
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from stop" -l context -d 'Use this context of the config file (default: ESOPS_CONTEXT, then `current_context`). Several (`a,b`, or a pattern such as `prod-*`): read-only commands print one report; commands that change clusters show every plan, ask once, then go cluster by cluster' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from stop" -l parallel -d 'With several contexts: how many clusters to work on at once' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from stop" -l url -d 'Cluster URL, e.g. https://es.example.com:9200' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from stop" -l cloud-id -d 'Elastic Cloud ID (instead of --url)' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from stop" -l api-key -d 'API key: the encoded form, or ID:KEY. Prefer ESOPS_API_KEY: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from stop" -l user -d 'User for basic authentication' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from stop" -l password -d 'Password for basic authentication. Prefer ESOPS_PASSWORD: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from stop" -l bearer-token -d 'Bearer token (service account token, OAuth2 access token, JWT)' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from stop" -l ca-cert -d 'PEM file with the CA that signed the cluster\'s certificate (trusted in addition to the system store)' -r -F
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from stop" -l ca-fingerprint -d 'Trust the cluster by the SHA-256 fingerprint of its CA (or certificate), as Elasticsearch prints it at first start' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from stop" -l client-cert -d 'PEM client certificate for mutual TLS (with --client-key)' -r -F
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from stop" -l client-key -d 'PEM private key of the client certificate (unencrypted)' -r -F
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from stop" -s H -l header -d 'Extra request header, `Name: value` (repeatable); `@FILE` reads `Name: value` lines from FILE' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from stop" -l proxy -d 'HTTP(S) proxy URL (default: ESOPS_PROXY, the context\'s `proxy`, then HTTPS_PROXY/HTTP_PROXY/ALL_PROXY with NO_PROXY)' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from stop" -l aws-region -d 'AWS region to sign for (default: ESOPS_AWS_REGION, AWS_REGION, the context, the *.amazonaws.com URL)' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from stop" -l aws-service -d 'AWS signing service: es (OpenSearch Service, Elasticsearch Service) or aoss (Serverless)' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from stop" -l aws-profile -d 'Profile of the AWS config files to take credentials from (instead of AWS_PROFILE)' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from stop" -l timeout -d 'Timeout of each request, connecting and reading the whole answer included (e.g. 30s, 2m)' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from stop" -l deadline -d 'Bound on the whole run (e.g. 5m): no request starts after it and one under way is cut off; the command then says what it did and what it left undone' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from stop" -l color -d 'When to use colour' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always'
never\t'Never'"
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from stop" -l execute -d 'Make the change (after showing it); without it, only show what would change'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from stop" -s y -l yes -d 'With --execute: do not ask (required when stdin or stdout is not a terminal, as in cron)'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from stop" -l all-contexts -d 'Run on every context of the config file (as several --context)'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from stop" -l keep-going -d 'With several contexts, for commands that change clusters: go on past a cluster that cannot be planned or fails (default: change nothing when one cannot be planned; stop at the first failure)'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from stop" -l insecure -d 'Do not verify the cluster\'s TLS certificate. Dangerous: for a one-off diagnosis only'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from stop" -l no-proxy -d 'Connect directly, whatever proxy the environment or the context names'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from stop" -l aws-sigv4 -d 'Sign requests with AWS SigV4 (Amazon OpenSearch Service, OpenSearch Serverless); credentials from the AWS SDK\'s chain'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from stop" -l sandbox -d 'Run against a fresh in-process sandbox cluster instead of a real one'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from stop" -s v -l verbose -d 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from stop" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from stop" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from status" -s o -l output -d 'Output format' -r -f -a "table\t'Aligned text for people'
json\t'JSON (stable field names)'
yaml\t'YAML'"
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from status" -l context -d 'Use this context of the config file (default: ESOPS_CONTEXT, then `current_context`). Several (`a,b`, or a pattern such as `prod-*`): read-only commands print one report; commands that change clusters show every plan, ask once, then go cluster by cluster' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from status" -l parallel -d 'With several contexts: how many clusters to work on at once' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from status" -l url -d 'Cluster URL, e.g. https://es.example.com:9200' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from status" -l cloud-id -d 'Elastic Cloud ID (instead of --url)' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from status" -l api-key -d 'API key: the encoded form, or ID:KEY. Prefer ESOPS_API_KEY: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from status" -l user -d 'User for basic authentication' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from status" -l password -d 'Password for basic authentication. Prefer ESOPS_PASSWORD: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from status" -l bearer-token -d 'Bearer token (service account token, OAuth2 access token, JWT)' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from status" -l ca-cert -d 'PEM file with the CA that signed the cluster\'s certificate (trusted in addition to the system store)' -r -F
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from status" -l ca-fingerprint -d 'Trust the cluster by the SHA-256 fingerprint of its CA (or certificate), as Elasticsearch prints it at first start' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from status" -l client-cert -d 'PEM client certificate for mutual TLS (with --client-key)' -r -F
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from status" -l client-key -d 'PEM private key of the client certificate (unencrypted)' -r -F
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from status" -s H -l header -d 'Extra request header, `Name: value` (repeatable); `@FILE` reads `Name: value` lines from FILE' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from status" -l proxy -d 'HTTP(S) proxy URL (default: ESOPS_PROXY, the context\'s `proxy`, then HTTPS_PROXY/HTTP_PROXY/ALL_PROXY with NO_PROXY)' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from status" -l aws-region -d 'AWS region to sign for (default: ESOPS_AWS_REGION, AWS_REGION, the context, the *.amazonaws.com URL)' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from status" -l aws-service -d 'AWS signing service: es (OpenSearch Service, Elasticsearch Service) or aoss (Serverless)' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from status" -l aws-profile -d 'Profile of the AWS config files to take credentials from (instead of AWS_PROFILE)' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from status" -l timeout -d 'Timeout of each request, connecting and reading the whole answer included (e.g. 30s, 2m)' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from status" -l deadline -d 'Bound on the whole run (e.g. 5m): no request starts after it and one under way is cut off; the command then says what it did and what it left undone' -r
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from status" -l color -d 'When to use colour' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always'
never\t'Never'"
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from status" -l fail-on-stopped -d 'Exit 2 unless ILM is RUNNING (for monitoring)'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from status" -l all-contexts -d 'Run on every context of the config file (as several --context)'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from status" -l keep-going -d 'With several contexts, for commands that change clusters: go on past a cluster that cannot be planned or fails (default: change nothing when one cannot be planned; stop at the first failure)'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from status" -l insecure -d 'Do not verify the cluster\'s TLS certificate. Dangerous: for a one-off diagnosis only'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from status" -l no-proxy -d 'Connect directly, whatever proxy the environment or the context names'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from status" -l aws-sigv4 -d 'Sign requests with AWS SigV4 (Amazon OpenSearch Service, OpenSearch Serverless); credentials from the AWS SDK\'s chain'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from status" -l sandbox -d 'Run against a fresh in-process sandbox cluster instead of a real one'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from status" -s v -l verbose -d 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from help" -f -a "explain" -d 'Where ILM stands with each index: errors first, with the step that failed and why'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from help" -f -a "retry" -d 'Retry the failed ILM step of the given indices that are in the ERROR step (others are left alone)'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from help" -f -a "attach" -d 'Put unmanaged indices under an ILM policy (sets index.lifecycle.name); dry run unless --execute'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from help" -f -a "detach" -d 'Take indices out of ILM (POST /NAMES/_ilm/remove); dry run unless --execute'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from help" -f -a "switch" -d 'Change the ILM policy of managed indices (each finishes its current phase first); dry run unless --execute'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from help" -f -a "move" -d 'Move one index to another ILM step (POST /_ilm/move/INDEX); dry run unless --execute'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from help" -f -a "start" -d 'Start ILM on the cluster (POST /_ilm/start); dry run unless --execute'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from help" -f -a "stop" -d 'Stop ILM on the cluster (POST /_ilm/stop); dry run unless --execute'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from help" -f -a "status" -d 'ILM\'s operation mode and what it manages: indices per phase, in ERROR, waiting'
complete -c esops -n "__fish_esops_using_subcommand ilm; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c esops -n "__fish_esops_using_subcommand ism; and not __fish_seen_subcommand_from explain retry attach detach switch move start stop status help" -l context -d 'Use this context of the config file (default: ESOPS_CONTEXT, then `current_context`). Several (`a,b`, or a pattern such as `prod-*`): read-only commands print one report; commands that change clusters show every plan, ask once, then go cluster by cluster' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and not __fish_seen_subcommand_from explain retry attach detach switch move start stop status help" -l parallel -d 'With several contexts: how many clusters to work on at once' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and not __fish_seen_subcommand_from explain retry attach detach switch move start stop status help" -l url -d 'Cluster URL, e.g. https://es.example.com:9200' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and not __fish_seen_subcommand_from explain retry attach detach switch move start stop status help" -l cloud-id -d 'Elastic Cloud ID (instead of --url)' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and not __fish_seen_subcommand_from explain retry attach detach switch move start stop status help" -l api-key -d 'API key: the encoded form, or ID:KEY. Prefer ESOPS_API_KEY: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and not __fish_seen_subcommand_from explain retry attach detach switch move start stop status help" -l user -d 'User for basic authentication' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and not __fish_seen_subcommand_from explain retry attach detach switch move start stop status help" -l password -d 'Password for basic authentication. Prefer ESOPS_PASSWORD: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and not __fish_seen_subcommand_from explain retry attach detach switch move start stop status help" -l bearer-token -d 'Bearer token (service account token, OAuth2 access token, JWT)' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and not __fish_seen_subcommand_from explain retry attach detach switch move start stop status help" -l ca-cert -d 'PEM file with the CA that signed the cluster\'s certificate (trusted in addition to the system store)' -r -F
complete -c esops -n "__fish_esops_using_subcommand ism; and not __fish_seen_subcommand_from explain retry attach detach switch move start stop status help" -l ca-fingerprint -d 'Trust the cluster by the SHA-256 fingerprint of its CA (or certificate), as Elasticsearch prints it at first start' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and not __fish_seen_subcommand_from explain retry attach detach switch move start stop status help" -l client-cert -d 'PEM client certificate for mutual TLS (with --client-key)' -r -F
complete -c esops -n "__fish_esops_using_subcommand ism; and not __fish_seen_subcommand_from explain retry attach detach switch move start stop status help" -l client-key -d 'PEM private key of the client certificate (unencrypted)' -r -F
complete -c esops -n "__fish_esops_using_subcommand ism; and not __fish_seen_subcommand_from explain retry attach detach switch move start stop status help" -s H -l header -d 'Extra request header, `Name: value` (repeatable); `@FILE` reads `Name: value` lines from FILE' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and not __fish_seen_subcommand_from explain retry attach detach switch move start stop status help" -l proxy -d 'HTTP(S) proxy URL (default: ESOPS_PROXY, the context\'s `proxy`, then HTTPS_PROXY/HTTP_PROXY/ALL_PROXY with NO_PROXY)' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and not __fish_seen_subcommand_from explain retry attach detach switch move start stop status help" -l aws-region -d 'AWS region to sign for (default: ESOPS_AWS_REGION, AWS_REGION, the context, the *.amazonaws.com URL)' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and not __fish_seen_subcommand_from explain retry attach detach switch move start stop status help" -l aws-service -d 'AWS signing service: es (OpenSearch Service, Elasticsearch Service) or aoss (Serverless)' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and not __fish_seen_subcommand_from explain retry attach detach switch move start stop status help" -l aws-profile -d 'Profile of the AWS config files to take credentials from (instead of AWS_PROFILE)' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and not __fish_seen_subcommand_from explain retry attach detach switch move start stop status help" -l timeout -d 'Timeout of each request, connecting and reading the whole answer included (e.g. 30s, 2m)' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and not __fish_seen_subcommand_from explain retry attach detach switch move start stop status help" -l deadline -d 'Bound on the whole run (e.g. 5m): no request starts after it and one under way is cut off; the command then says what it did and what it left undone' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and not __fish_seen_subcommand_from explain retry attach detach switch move start stop status help" -l color -d 'When to use colour' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always'
never\t'Never'"
complete -c esops -n "__fish_esops_using_subcommand ism; and not __fish_seen_subcommand_from explain retry attach detach switch move start stop status help" -l all-contexts -d 'Run on every context of the config file (as several --context)'
complete -c esops -n "__fish_esops_using_subcommand ism; and not __fish_seen_subcommand_from explain retry attach detach switch move start stop status help" -l keep-going -d 'With several contexts, for commands that change clusters: go on past a cluster that cannot be planned or fails (default: change nothing when one cannot be planned; stop at the first failure)'
complete -c esops -n "__fish_esops_using_subcommand ism; and not __fish_seen_subcommand_from explain retry attach detach switch move start stop status help" -l insecure -d 'Do not verify the cluster\'s TLS certificate. Dangerous: for a one-off diagnosis only'
complete -c esops -n "__fish_esops_using_subcommand ism; and not __fish_seen_subcommand_from explain retry attach detach switch move start stop status help" -l no-proxy -d 'Connect directly, whatever proxy the environment or the context names'
complete -c esops -n "__fish_esops_using_subcommand ism; and not __fish_seen_subcommand_from explain retry attach detach switch move start stop status help" -l aws-sigv4 -d 'Sign requests with AWS SigV4 (Amazon OpenSearch Service, OpenSearch Serverless); credentials from the AWS SDK\'s chain'
complete -c esops -n "__fish_esops_using_subcommand ism; and not __fish_seen_subcommand_from explain retry attach detach switch move start stop status help" -l sandbox -d 'Run against a fresh in-process sandbox cluster instead of a real one'
complete -c esops -n "__fish_esops_using_subcommand ism; and not __fish_seen_subcommand_from explain retry attach detach switch move start stop status help" -s v -l verbose -d 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)'
complete -c esops -n "__fish_esops_using_subcommand ism; and not __fish_seen_subcommand_from explain retry attach detach switch move start stop status help" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c esops -n "__fish_esops_using_subcommand ism; and not __fish_seen_subcommand_from explain retry attach detach switch move start stop status help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esops -n "__fish_esops_using_subcommand ism; and not __fish_seen_subcommand_from explain retry attach detach switch move start stop status help" -f -a "explain" -d 'Where ILM stands with each index: errors first, with the step that failed and why'
complete -c esops -n "__fish_esops_using_subcommand ism; and not __fish_seen_subcommand_from explain retry attach detach switch move start stop status help" -f -a "retry" -d 'Retry the failed ILM step of the given indices that are in the ERROR step (others are left alone)'
complete -c esops -n "__fish_esops_using_subcommand ism; and not __fish_seen_subcommand_from explain retry attach detach switch move start stop status help" -f -a "attach" -d 'Put unmanaged indices under an ILM policy (sets index.lifecycle.name); dry run unless --execute'
complete -c esops -n "__fish_esops_using_subcommand ism; and not __fish_seen_subcommand_from explain retry attach detach switch move start stop status help" -f -a "detach" -d 'Take indices out of ILM (POST /NAMES/_ilm/remove); dry run unless --execute'
complete -c esops -n "__fish_esops_using_subcommand ism; and not __fish_seen_subcommand_from explain retry attach detach switch move start stop status help" -f -a "switch" -d 'Change the ILM policy of managed indices (each finishes its current phase first); dry run unless --execute'
complete -c esops -n "__fish_esops_using_subcommand ism; and not __fish_seen_subcommand_from explain retry attach detach switch move start stop status help" -f -a "move" -d 'Move one index to another ILM step (POST /_ilm/move/INDEX); dry run unless --execute'
complete -c esops -n "__fish_esops_using_subcommand ism; and not __fish_seen_subcommand_from explain retry attach detach switch move start stop status help" -f -a "start" -d 'Start ILM on the cluster (POST /_ilm/start); dry run unless --execute'
complete -c esops -n "__fish_esops_using_subcommand ism; and not __fish_seen_subcommand_from explain retry attach detach switch move start stop status help" -f -a "stop" -d 'Stop ILM on the cluster (POST /_ilm/stop); dry run unless --execute'
complete -c esops -n "__fish_esops_using_subcommand ism; and not __fish_seen_subcommand_from explain retry attach detach switch move start stop status help" -f -a "status" -d 'ILM\'s operation mode and what it manages: indices per phase, in ERROR, waiting'
complete -c esops -n "__fish_esops_using_subcommand ism; and not __fish_seen_subcommand_from explain retry attach detach switch move start stop status help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from explain" -l policy -d 'Only indices managed by this policy (`*` wildcards allowed)' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from explain" -l now -d 'Measure ages against this time (RFC 3339, e.g. 2024-06-01T00:00:00Z); default: now' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from explain" -s o -l output -d 'Output format' -r -f -a "table\t'A table for people; the reason of each error under its row'
json\t'JSON: every field, the whole `step_info` included'
csv\t'CSV, ages in milliseconds'
markdown\t'Markdown, for CI job summaries'"
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from explain" -l context -d 'Use this context of the config file (default: ESOPS_CONTEXT, then `current_context`). Several (`a,b`, or a pattern such as `prod-*`): read-only commands print one report; commands that change clusters show every plan, ask once, then go cluster by cluster' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from explain" -l parallel -d 'With several contexts: how many clusters to work on at once' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from explain" -l url -d 'Cluster URL, e.g. https://es.example.com:9200' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from explain" -l cloud-id -d 'Elastic Cloud ID (instead of --url)' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from explain" -l api-key -d 'API key: the encoded form, or ID:KEY. Prefer ESOPS_API_KEY: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from explain" -l user -d 'User for basic authentication' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from explain" -l password -d 'Password for basic authentication. Prefer ESOPS_PASSWORD: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from explain" -l bearer-token -d 'Bearer token (service account token, OAuth2 access token, JWT)' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from explain" -l ca-cert -d 'PEM file with the CA that signed the cluster\'s certificate (trusted in addition to the system store)' -r -F
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from explain" -l ca-fingerprint -d 'Trust the cluster by the SHA-256 fingerprint of its CA (or certificate), as Elasticsearch prints it at first start' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from explain" -l client-cert -d 'PEM client certificate for mutual TLS (with --client-key)' -r -F
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from explain" -l client-key -d 'PEM private key of the client certificate (unencrypted)' -r -F
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from explain" -s H -l header -d 'Extra request header, `Name: value` (repeatable); `@FILE` reads `Name: value` lines from FILE' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from explain" -l proxy -d 'HTTP(S) proxy URL (default: ESOPS_PROXY, the context\'s `proxy`, then HTTPS_PROXY/HTTP_PROXY/ALL_PROXY with NO_PROXY)' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from explain" -l aws-region -d 'AWS region to sign for (default: ESOPS_AWS_REGION, AWS_REGION, the context, the *.amazonaws.com URL)' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from explain" -l aws-service -d 'AWS signing service: es (OpenSearch Service, Elasticsearch Service) or aoss (Serverless)' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from explain" -l aws-profile -d 'Profile of the AWS config files to take credentials from (instead of AWS_PROFILE)' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from explain" -l timeout -d 'Timeout of each request, connecting and reading the whole answer included (e.g. 30s, 2m)' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from explain" -l deadline -d 'Bound on the whole run (e.g. 5m): no request starts after it and one under way is cut off; the command then says what it did and what it left undone' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from explain" -l color -d 'When to use colour' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always'
never\t'Never'"
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from explain" -l only-errors -d 'Only indices in the ERROR step, or whose policy does not exist'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from explain" -l unmanaged -d 'List the indices no policy manages too (by default they are only counted, unless named)'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from explain" -l fail-on-error -d 'Exit 2 when an index is in the ERROR step or its policy does not exist (for cron and CI)'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from explain" -l all-contexts -d 'Run on every context of the config file (as several --context)'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from explain" -l keep-going -d 'With several contexts, for commands that change clusters: go on past a cluster that cannot be planned or fails (default: change nothing when one cannot be planned; stop at the first failure)'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from explain" -l insecure -d 'Do not verify the cluster\'s TLS certificate. Dangerous: for a one-off diagnosis only'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from explain" -l no-proxy -d 'Connect directly, whatever proxy the environment or the context names'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from explain" -l aws-sigv4 -d 'Sign requests with AWS SigV4 (Amazon OpenSearch Service, OpenSearch Serverless); credentials from the AWS SDK\'s chain'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from explain" -l sandbox -d 'Run against a fresh in-process sandbox cluster instead of a real one'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from explain" -s v -l verbose -d 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from explain" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from explain" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from retry" -s o -l output -d 'Output format' -r -f -a "table\t'Aligned text for people'
json\t'JSON (stable field names)'
yaml\t'YAML'"
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from retry" -l context -d 'Use this context of the config file (default: ESOPS_CONTEXT, then `current_context`). Several (`a,b`, or a pattern such as `prod-*`): read-only commands print one report; commands that change clusters show every plan, ask once, then go cluster by cluster' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from retry" -l parallel -d 'With several contexts: how many clusters to work on at once' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from retry" -l url -d 'Cluster URL, e.g. https://es.example.com:9200' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from retry" -l cloud-id -d 'Elastic Cloud ID (instead of --url)' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from retry" -l api-key -d 'API key: the encoded form, or ID:KEY. Prefer ESOPS_API_KEY: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from retry" -l user -d 'User for basic authentication' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from retry" -l password -d 'Password for basic authentication. Prefer ESOPS_PASSWORD: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from retry" -l bearer-token -d 'Bearer token (service account token, OAuth2 access token, JWT)' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from retry" -l ca-cert -d 'PEM file with the CA that signed the cluster\'s certificate (trusted in addition to the system store)' -r -F
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from retry" -l ca-fingerprint -d 'Trust the cluster by the SHA-256 fingerprint of its CA (or certificate), as Elasticsearch prints it at first start' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from retry" -l client-cert -d 'PEM client certificate for mutual TLS (with --client-key)' -r -F
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from retry" -l client-key -d 'PEM private key of the client certificate (unencrypted)' -r -F
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from retry" -s H -l header -d 'Extra request header, `Name: value` (repeatable); `@FILE` reads `Name: value` lines from FILE' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from retry" -l proxy -d 'HTTP(S) proxy URL (default: ESOPS_PROXY, the context\'s `proxy`, then HTTPS_PROXY/HTTP_PROXY/ALL_PROXY with NO_PROXY)' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from retry" -l aws-region -d 'AWS region to sign for (default: ESOPS_AWS_REGION, AWS_REGION, the context, the *.amazonaws.com URL)' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from retry" -l aws-service -d 'AWS signing service: es (OpenSearch Service, Elasticsearch Service) or aoss (Serverless)' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from retry" -l aws-profile -d 'Profile of the AWS config files to take credentials from (instead of AWS_PROFILE)' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from retry" -l timeout -d 'Timeout of each request, connecting and reading the whole answer included (e.g. 30s, 2m)' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from retry" -l deadline -d 'Bound on the whole run (e.g. 5m): no request starts after it and one under way is cut off; the command then says what it did and what it left undone' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from retry" -l color -d 'When to use colour' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always'
never\t'Never'"
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from retry" -s y -l yes -d 'Retry without asking (required when stdin or stdout is not a terminal, as in cron)'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from retry" -l all-contexts -d 'Run on every context of the config file (as several --context)'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from retry" -l keep-going -d 'With several contexts, for commands that change clusters: go on past a cluster that cannot be planned or fails (default: change nothing when one cannot be planned; stop at the first failure)'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from retry" -l insecure -d 'Do not verify the cluster\'s TLS certificate. Dangerous: for a one-off diagnosis only'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from retry" -l no-proxy -d 'Connect directly, whatever proxy the environment or the context names'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from retry" -l aws-sigv4 -d 'Sign requests with AWS SigV4 (Amazon OpenSearch Service, OpenSearch Serverless); credentials from the AWS SDK\'s chain'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from retry" -l sandbox -d 'Run against a fresh in-process sandbox cluster instead of a real one'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from retry" -s v -l verbose -d 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from retry" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from retry" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from attach" -s o -l output -d 'Output format' -r -f -a "table\t'Aligned text for people'
json\t'JSON (stable field names)'
yaml\t'YAML'"
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from attach" -l max -d 'Refuse to change more than N indices (nothing is changed then)' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from attach" -l now -d 'Measure ages for the preview against this time (RFC 3339); default: now. ILM itself always uses the cluster\'s clock' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from attach" -l context -d 'Use this context of the config file (default: ESOPS_CONTEXT, then `current_context`). Several (`a,b`, or a pattern such as `prod-*`): read-only commands print one report; commands that change clusters show every plan, ask once, then go cluster by cluster' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from attach" -l parallel -d 'With several contexts: how many clusters to work on at once' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from attach" -l url -d 'Cluster URL, e.g. https://es.example.com:9200' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from attach" -l cloud-id -d 'Elastic Cloud ID (instead of --url)' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from attach" -l api-key -d 'API key: the encoded form, or ID:KEY. Prefer ESOPS_API_KEY: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from attach" -l user -d 'User for basic authentication' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from attach" -l password -d 'Password for basic authentication. Prefer ESOPS_PASSWORD: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from attach" -l bearer-token -d 'Bearer token (service account token, OAuth2 access token, JWT)' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from attach" -l ca-cert -d 'PEM file with the CA that signed the cluster\'s certificate (trusted in addition to the system store)' -r -F
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from attach" -l ca-fingerprint -d 'Trust the cluster by the SHA-256 fingerprint of its CA (or certificate), as Elasticsearch prints it at first start' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from attach" -l client-cert -d 'PEM client certificate for mutual TLS (with --client-key)' -r -F
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from attach" -l client-key -d 'PEM private key of the client certificate (unencrypted)' -r -F
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from attach" -s H -l header -d 'Extra request header, `Name: value` (repeatable); `@FILE` reads `Name: value` lines from FILE' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from attach" -l proxy -d 'HTTP(S) proxy URL (default: ESOPS_PROXY, the context\'s `proxy`, then HTTPS_PROXY/HTTP_PROXY/ALL_PROXY with NO_PROXY)' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from attach" -l aws-region -d 'AWS region to sign for (default: ESOPS_AWS_REGION, AWS_REGION, the context, the *.amazonaws.com URL)' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from attach" -l aws-service -d 'AWS signing service: es (OpenSearch Service, Elasticsearch Service) or aoss (Serverless)' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from attach" -l aws-profile -d 'Profile of the AWS config files to take credentials from (instead of AWS_PROFILE)' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from attach" -l timeout -d 'Timeout of each request, connecting and reading the whole answer included (e.g. 30s, 2m)' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from attach" -l deadline -d 'Bound on the whole run (e.g. 5m): no request starts after it and one under way is cut off; the command then says what it did and what it left undone' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from attach" -l color -d 'When to use colour' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always'
never\t'Never'"
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from attach" -l execute -d 'Make the change (after showing it); without it, only show what would change'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from attach" -s y -l yes -d 'With --execute: do not ask (required when stdin or stdout is not a terminal, as in cron)'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from attach" -l all-contexts -d 'Run on every context of the config file (as several --context)'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from attach" -l keep-going -d 'With several contexts, for commands that change clusters: go on past a cluster that cannot be planned or fails (default: change nothing when one cannot be planned; stop at the first failure)'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from attach" -l insecure -d 'Do not verify the cluster\'s TLS certificate. Dangerous: for a one-off diagnosis only'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from attach" -l no-proxy -d 'Connect directly, whatever proxy the environment or the context names'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from attach" -l aws-sigv4 -d 'Sign requests with AWS SigV4 (Amazon OpenSearch Service, OpenSearch Serverless); credentials from the AWS SDK\'s chain'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from attach" -l sandbox -d 'Run against a fresh in-process sandbox cluster instead of a real one'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from attach" -s v -l verbose -d 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from attach" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from attach" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from detach" -s o -l output -d 'Output format' -r -f -a "table\t'Aligned text for people'
json\t'JSON (stable field names)'
yaml\t'YAML'"
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from detach" -l max -d 'Refuse to change more than N indices (nothing is changed then)' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from detach" -l now -d 'Measure ages for the preview against this time (RFC 3339); default: now. ILM itself always uses the cluster\'s clock' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from detach" -l context -d 'Use this context of the config file (default: ESOPS_CONTEXT, then `current_context`). Several (`a,b`, or a pattern such as `prod-*`): read-only commands print one report; commands that change clusters show every plan, ask once, then go cluster by cluster' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from detach" -l parallel -d 'With several contexts: how many clusters to work on at once' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from detach" -l url -d 'Cluster URL, e.g. https://es.example.com:9200' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from detach" -l cloud-id -d 'Elastic Cloud ID (instead of --url)' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from detach" -l api-key -d 'API key: the encoded form, or ID:KEY. Prefer ESOPS_API_KEY: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from detach" -l user -d 'User for basic authentication' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from detach" -l password -d 'Password for basic authentication. Prefer ESOPS_PASSWORD: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from detach" -l bearer-token -d 'Bearer token (service account token, OAuth2 access token, JWT)' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from detach" -l ca-cert -d 'PEM file with the CA that signed the cluster\'s certificate (trusted in addition to the system store)' -r -F
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from detach" -l ca-fingerprint -d 'Trust the cluster by the SHA-256 fingerprint of its CA (or certificate), as Elasticsearch prints it at first start' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from detach" -l client-cert -d 'PEM client certificate for mutual TLS (with --client-key)' -r -F
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from detach" -l client-key -d 'PEM private key of the client certificate (unencrypted)' -r -F
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from detach" -s H -l header -d 'Extra request header, `Name: value` (repeatable); `@FILE` reads `Name: value` lines from FILE' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from detach" -l proxy -d 'HTTP(S) proxy URL (default: ESOPS_PROXY, the context\'s `proxy`, then HTTPS_PROXY/HTTP_PROXY/ALL_PROXY with NO_PROXY)' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from detach" -l aws-region -d 'AWS region to sign for (default: ESOPS_AWS_REGION, AWS_REGION, the context, the *.amazonaws.com URL)' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from detach" -l aws-service -d 'AWS signing service: es (OpenSearch Service, Elasticsearch Service) or aoss (Serverless)' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from detach" -l aws-profile -d 'Profile of the AWS config files to take credentials from (instead of AWS_PROFILE)' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from detach" -l timeout -d 'Timeout of each request, connecting and reading the whole answer included (e.g. 30s, 2m)' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from detach" -l deadline -d 'Bound on the whole run (e.g. 5m): no request starts after it and one under way is cut off; the command then says what it did and what it left undone' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from detach" -l color -d 'When to use colour' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always'
never\t'Never'"
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from detach" -l execute -d 'Make the change (after showing it); without it, only show what would change'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from detach" -s y -l yes -d 'With --execute: do not ask (required when stdin or stdout is not a terminal, as in cron)'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from detach" -l all-contexts -d 'Run on every context of the config file (as several --context)'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from detach" -l keep-going -d 'With several contexts, for commands that change clusters: go on past a cluster that cannot be planned or fails (default: change nothing when one cannot be planned; stop at the first failure)'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from detach" -l insecure -d 'Do not verify the cluster\'s TLS certificate. Dangerous: for a one-off diagnosis only'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from detach" -l no-proxy -d 'Connect directly, whatever proxy the environment or the context names'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from detach" -l aws-sigv4 -d 'Sign requests with AWS SigV4 (Amazon OpenSearch Service, OpenSearch Serverless); credentials from the AWS SDK\'s chain'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from detach" -l sandbox -d 'Run against a fresh in-process sandbox cluster instead of a real one'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from detach" -s v -l verbose -d 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from detach" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from detach" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from switch" -s o -l output -d 'Output format' -r -f -a "table\t'Aligned text for people'
json\t'JSON (stable field names)'
yaml\t'YAML'"
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from switch" -l max -d 'Refuse to change more than N indices (nothing is changed then)' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from switch" -l now -d 'Measure ages for the preview against this time (RFC 3339); default: now. ILM itself always uses the cluster\'s clock' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from switch" -l context -d 'Use this context of the config file (default: ESOPS_CONTEXT, then `current_context`). Several (`a,b`, or a pattern such as `prod-*`): read-only commands print one report; commands that change clusters show every plan, ask once, then go cluster by cluster' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from switch" -l parallel -d 'With several contexts: how many clusters to work on at once' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from switch" -l url -d 'Cluster URL, e.g. https://es.example.com:9200' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from switch" -l cloud-id -d 'Elastic Cloud ID (instead of --url)' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from switch" -l api-key -d 'API key: the encoded form, or ID:KEY. Prefer ESOPS_API_KEY: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from switch" -l user -d 'User for basic authentication' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from switch" -l password -d 'Password for basic authentication. Prefer ESOPS_PASSWORD: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from switch" -l bearer-token -d 'Bearer token (service account token, OAuth2 access token, JWT)' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from switch" -l ca-cert -d 'PEM file with the CA that signed the cluster\'s certificate (trusted in addition to the system store)' -r -F
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from switch" -l ca-fingerprint -d 'Trust the cluster by the SHA-256 fingerprint of its CA (or certificate), as Elasticsearch prints it at first start' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from switch" -l client-cert -d 'PEM client certificate for mutual TLS (with --client-key)' -r -F
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from switch" -l client-key -d 'PEM private key of the client certificate (unencrypted)' -r -F
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from switch" -s H -l header -d 'Extra request header, `Name: value` (repeatable); `@FILE` reads `Name: value` lines from FILE' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from switch" -l proxy -d 'HTTP(S) proxy URL (default: ESOPS_PROXY, the context\'s `proxy`, then HTTPS_PROXY/HTTP_PROXY/ALL_PROXY with NO_PROXY)' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from switch" -l aws-region -d 'AWS region to sign for (default: ESOPS_AWS_REGION, AWS_REGION, the context, the *.amazonaws.com URL)' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from switch" -l aws-service -d 'AWS signing service: es (OpenSearch Service, Elasticsearch Service) or aoss (Serverless)' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from switch" -l aws-profile -d 'Profile of the AWS config files to take credentials from (instead of AWS_PROFILE)' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from switch" -l timeout -d 'Timeout of each request, connecting and reading the whole answer included (e.g. 30s, 2m)' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from switch" -l deadline -d 'Bound on the whole run (e.g. 5m): no request starts after it and one under way is cut off; the command then says what it did and what it left undone' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from switch" -l color -d 'When to use colour' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always'
never\t'Never'"
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from switch" -l execute -d 'Make the change (after showing it); without it, only show what would change'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from switch" -s y -l yes -d 'With --execute: do not ask (required when stdin or stdout is not a terminal, as in cron)'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from switch" -l all-contexts -d 'Run on every context of the config file (as several --context)'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from switch" -l keep-going -d 'With several contexts, for commands that change clusters: go on past a cluster that cannot be planned or fails (default: change nothing when one cannot be planned; stop at the first failure)'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from switch" -l insecure -d 'Do not verify the cluster\'s TLS certificate. Dangerous: for a one-off diagnosis only'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from switch" -l no-proxy -d 'Connect directly, whatever proxy the environment or the context names'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from switch" -l aws-sigv4 -d 'Sign requests with AWS SigV4 (Amazon OpenSearch Service, OpenSearch Serverless); credentials from the AWS SDK\'s chain'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from switch" -l sandbox -d 'Run against a fresh in-process sandbox cluster instead of a real one'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from switch" -s v -l verbose -d 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from switch" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from switch" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from move" -l to -d 'The target step: PHASE[/ACTION[/STEP]], e.g. `warm`, `delete/delete`, `hot/rollover/check-rollover-ready`' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from move" -s o -l output -d 'Output format' -r -f -a "table\t'Aligned text for people'
json\t'JSON (stable field names)'
yaml\t'YAML'"
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from move" -l context -d 'Use this context of the config file (default: ESOPS_CONTEXT, then `current_context`). Several (`a,b`, or a pattern such as `prod-*`): read-only commands print one report; commands that change clusters show every plan, ask once, then go cluster by cluster' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from move" -l parallel -d 'With several contexts: how many clusters to work on at once' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from move" -l url -d 'Cluster URL, e.g. https://es.example.com:9200' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from move" -l cloud-id -d 'Elastic Cloud ID (instead of --url)' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from move" -l api-key -d 'API key: the encoded form, or ID:KEY. Prefer ESOPS_API_KEY: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from move" -l user -d 'User for basic authentication' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from move" -l password -d 'Password for basic authentication. Prefer ESOPS_PASSWORD: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from move" -l bearer-token -d 'Bearer token (service account token, OAuth2 access token, JWT)' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from move" -l ca-cert -d 'PEM file with the CA that signed the cluster\'s certificate (trusted in addition to the system store)' -r -F
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from move" -l ca-fingerprint -d 'Trust the cluster by the SHA-256 fingerprint of its CA (or certificate), as Elasticsearch prints it at first start' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from move" -l client-cert -d 'PEM client certificate for mutual TLS (with --client-key)' -r -F
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from move" -l client-key -d 'PEM private key of the client certificate (unencrypted)' -r -F
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from move" -s H -l header -d 'Extra request header, `Name: value` (repeatable); `@FILE` reads `Name: value` lines from FILE' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from move" -l proxy -d 'HTTP(S) proxy URL (default: ESOPS_PROXY, the context\'s `proxy`, then HTTPS_PROXY/HTTP_PROXY/ALL_PROXY with NO_PROXY)' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from move" -l aws-region -d 'AWS region to sign for (default: ESOPS_AWS_REGION, AWS_REGION, the context, the *.amazonaws.com URL)' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from move" -l aws-service -d 'AWS signing service: es (OpenSearch Service, Elasticsearch Service) or aoss (Serverless)' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from move" -l aws-profile -d 'Profile of the AWS config files to take credentials from (instead of AWS_PROFILE)' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from move" -l timeout -d 'Timeout of each request, connecting and reading the whole answer included (e.g. 30s, 2m)' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from move" -l deadline -d 'Bound on the whole run (e.g. 5m): no request starts after it and one under way is cut off; the command then says what it did and what it left undone' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from move" -l color -d 'When to use colour' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always'
never\t'Never'"
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from move" -l execute -d 'Make the change (after showing it); without it, only show what would change'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from move" -s y -l yes -d 'With --execute: do not ask (required when stdin or stdout is not a terminal, as in cron)'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from move" -l all-contexts -d 'Run on every context of the config file (as several --context)'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from move" -l keep-going -d 'With several contexts, for commands that change clusters: go on past a cluster that cannot be planned or fails (default: change nothing when one cannot be planned; stop at the first failure)'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from move" -l insecure -d 'Do not verify the cluster\'s TLS certificate. Dangerous: for a one-off diagnosis only'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from move" -l no-proxy -d 'Connect directly, whatever proxy the environment or the context names'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from move" -l aws-sigv4 -d 'Sign requests with AWS SigV4 (Amazon OpenSearch Service, OpenSearch Serverless); credentials from the AWS SDK\'s chain'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from move" -l sandbox -d 'Run against a fresh in-process sandbox cluster instead of a real one'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from move" -s v -l verbose -d 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from move" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from move" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from start" -s o -l output -d 'Output format' -r -f -a "table\t'Aligned text for people'
json\t'JSON (stable field names)'
yaml\t'YAML'"
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from start" -l context -d 'Use this context of the config file (default: ESOPS_CONTEXT, then `current_context`). Several (`a,b`, or a pattern such as `prod-*`): read-only commands print one report; commands that change clusters show every plan, ask once, then go cluster by cluster' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from start" -l parallel -d 'With several contexts: how many clusters to work on at once' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from start" -l url -d 'Cluster URL, e.g. https://es.example.com:9200' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from start" -l cloud-id -d 'Elastic Cloud ID (instead of --url)' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from start" -l api-key -d 'API key: the encoded form, or ID:KEY. Prefer ESOPS_API_KEY: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from start" -l user -d 'User for basic authentication' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from start" -l password -d 'Password for basic authentication. Prefer ESOPS_PASSWORD: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from start" -l bearer-token -d 'Bearer token (service account token, OAuth2 access token, JWT)' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from start" -l ca-cert -d 'PEM file with the CA that signed the cluster\'s certificate (trusted in addition to the system store)' -r -F
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from start" -l ca-fingerprint -d 'Trust the cluster by the SHA-256 fingerprint of its CA (or certificate), as Elasticsearch prints it at first start' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from start" -l client-cert -d 'PEM client certificate for mutual TLS (with --client-key)' -r -F
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from start" -l client-key -d 'PEM private key of the client certificate (unencrypted)' -r -F
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from start" -s H -l header -d 'Extra request header, `Name: value` (repeatable); `@FILE` reads `Name: value` lines from FILE' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from start" -l proxy -d 'HTTP(S) proxy URL (default: ESOPS_PROXY, the context\'s `proxy`, then HTTPS_PROXY/HTTP_PROXY/ALL_PROXY with NO_PROXY)' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from start" -l aws-region -d 'AWS region to sign for (default: ESOPS_AWS_REGION, AWS_REGION, the context, the *.amazonaws.com URL)' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from start" -l aws-service -d 'AWS signing service: es (OpenSearch Service, Elasticsearch Service) or aoss (Serverless)' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from start" -l aws-profile -d 'Profile of the AWS config files to take credentials from (instead of AWS_PROFILE)' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from start" -l timeout -d 'Timeout of each request, connecting and reading the whole answer included (e.g. 30s, 2m)' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from start" -l deadline -d 'Bound on the whole run (e.g. 5m): no request starts after it and one under way is cut off; the command then says what it did and what it left undone' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from start" -l color -d 'When to use colour' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always'
never\t'Never'"
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from start" -l execute -d 'Make the change (after showing it); without it, only show what would change'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from start" -s y -l yes -d 'With --execute: do not ask (required when stdin or stdout is not a terminal, as in cron)'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from start" -l all-contexts -d 'Run on every context of the config file (as several --context)'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from start" -l keep-going -d 'With several contexts, for commands that change clusters: go on past a cluster that cannot be planned or fails (default: change nothing when one cannot be planned; stop at the first failure)'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from start" -l insecure -d 'Do not verify the cluster\'s TLS certificate. Dangerous: for a one-off diagnosis only'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from start" -l no-proxy -d 'Connect directly, whatever proxy the environment or the context names'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from start" -l aws-sigv4 -d 'Sign requests with AWS SigV4 (Amazon OpenSearch Service, OpenSearch Serverless); credentials from the AWS SDK\'s chain'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from start" -l sandbox -d 'Run against a fresh in-process sandbox cluster instead of a real one'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from start" -s v -l verbose -d 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from start" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from start" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from stop" -s o -l output -d 'Output format' -r -f -a "table\t'Aligned text for people'
json\t'JSON (stable field names)'
yaml\t'YAML'"
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from stop" -l context -d 'Use this context of the config file (default: ESOPS_CONTEXT, then `current_context`). Several (`a,b`, or a pattern such as `prod-*`): read-only commands print one report; commands that change clusters show every plan, ask once, then go cluster by cluster' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from stop" -l parallel -d 'With several contexts: how many clusters to work on at once' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from stop" -l url -d 'Cluster URL, e.g. https://es.example.com:9200' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from stop" -l cloud-id -d 'Elastic Cloud ID (instead of --url)' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from stop" -l api-key -d 'API key: the encoded form, or ID:KEY. Prefer ESOPS_API_KEY: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from stop" -l user -d 'User for basic authentication' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from stop" -l password -d 'Password for basic authentication. Prefer ESOPS_PASSWORD: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from stop" -l bearer-token -d 'Bearer token (service account token, OAuth2 access token, JWT)' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from stop" -l ca-cert -d 'PEM file with the CA that signed the cluster\'s certificate (trusted in addition to the system store)' -r -F
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from stop" -l ca-fingerprint -d 'Trust the cluster by the SHA-256 fingerprint of its CA (or certificate), as Elasticsearch prints it at first start' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from stop" -l client-cert -d 'PEM client certificate for mutual TLS (with --client-key)' -r -F
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from stop" -l client-key -d 'PEM private key of the client certificate (unencrypted)' -r -F
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from stop" -s H -l header -d 'Extra request header, `Name: value` (repeatable); `@FILE` reads `Name: value` lines from FILE' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from stop" -l proxy -d 'HTTP(S) proxy URL (default: ESOPS_PROXY, the context\'s `proxy`, then HTTPS_PROXY/HTTP_PROXY/ALL_PROXY with NO_PROXY)' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from stop" -l aws-region -d 'AWS region to sign for (default: ESOPS_AWS_REGION, AWS_REGION, the context, the *.amazonaws.com URL)' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from stop" -l aws-service -d 'AWS signing service: es (OpenSearch Service, Elasticsearch Service) or aoss (Serverless)' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from stop" -l aws-profile -d 'Profile of the AWS config files to take credentials from (instead of AWS_PROFILE)' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from stop" -l timeout -d 'Timeout of each request, connecting and reading the whole answer included (e.g. 30s, 2m)' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from stop" -l deadline -d 'Bound on the whole run (e.g. 5m): no request starts after it and one under way is cut off; the command then says what it did and what it left undone' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from stop" -l color -d 'When to use colour' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always'
never\t'Never'"
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from stop" -l execute -d 'Make the change (after showing it); without it, only show what would change'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from stop" -s y -l yes -d 'With --execute: do not ask (required when stdin or stdout is not a terminal, as in cron)'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from stop" -l all-contexts -d 'Run on every context of the config file (as several --context)'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from stop" -l keep-going -d 'With several contexts, for commands that change clusters: go on past a cluster that cannot be planned or fails (default: change nothing when one cannot be planned; stop at the first failure)'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from stop" -l insecure -d 'Do not verify the cluster\'s TLS certificate. Dangerous: for a one-off diagnosis only'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from stop" -l no-proxy -d 'Connect directly, whatever proxy the environment or the context names'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from stop" -l aws-sigv4 -d 'Sign requests with AWS SigV4 (Amazon OpenSearch Service, OpenSearch Serverless); credentials from the AWS SDK\'s chain'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from stop" -l sandbox -d 'Run against a fresh in-process sandbox cluster instead of a real one'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from stop" -s v -l verbose -d 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from stop" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from stop" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from status" -s o -l output -d 'Output format' -r -f -a "table\t'Aligned text for people'
json\t'JSON (stable field names)'
yaml\t'YAML'"
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from status" -l context -d 'Use this context of the config file (default: ESOPS_CONTEXT, then `current_context`). Several (`a,b`, or a pattern such as `prod-*`): read-only commands print one report; commands that change clusters show every plan, ask once, then go cluster by cluster' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from status" -l parallel -d 'With several contexts: how many clusters to work on at once' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from status" -l url -d 'Cluster URL, e.g. https://es.example.com:9200' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from status" -l cloud-id -d 'Elastic Cloud ID (instead of --url)' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from status" -l api-key -d 'API key: the encoded form, or ID:KEY. Prefer ESOPS_API_KEY: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from status" -l user -d 'User for basic authentication' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from status" -l password -d 'Password for basic authentication. Prefer ESOPS_PASSWORD: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from status" -l bearer-token -d 'Bearer token (service account token, OAuth2 access token, JWT)' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from status" -l ca-cert -d 'PEM file with the CA that signed the cluster\'s certificate (trusted in addition to the system store)' -r -F
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from status" -l ca-fingerprint -d 'Trust the cluster by the SHA-256 fingerprint of its CA (or certificate), as Elasticsearch prints it at first start' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from status" -l client-cert -d 'PEM client certificate for mutual TLS (with --client-key)' -r -F
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from status" -l client-key -d 'PEM private key of the client certificate (unencrypted)' -r -F
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from status" -s H -l header -d 'Extra request header, `Name: value` (repeatable); `@FILE` reads `Name: value` lines from FILE' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from status" -l proxy -d 'HTTP(S) proxy URL (default: ESOPS_PROXY, the context\'s `proxy`, then HTTPS_PROXY/HTTP_PROXY/ALL_PROXY with NO_PROXY)' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from status" -l aws-region -d 'AWS region to sign for (default: ESOPS_AWS_REGION, AWS_REGION, the context, the *.amazonaws.com URL)' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from status" -l aws-service -d 'AWS signing service: es (OpenSearch Service, Elasticsearch Service) or aoss (Serverless)' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from status" -l aws-profile -d 'Profile of the AWS config files to take credentials from (instead of AWS_PROFILE)' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from status" -l timeout -d 'Timeout of each request, connecting and reading the whole answer included (e.g. 30s, 2m)' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from status" -l deadline -d 'Bound on the whole run (e.g. 5m): no request starts after it and one under way is cut off; the command then says what it did and what it left undone' -r
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from status" -l color -d 'When to use colour' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always'
never\t'Never'"
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from status" -l fail-on-stopped -d 'Exit 2 unless ILM is RUNNING (for monitoring)'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from status" -l all-contexts -d 'Run on every context of the config file (as several --context)'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from status" -l keep-going -d 'With several contexts, for commands that change clusters: go on past a cluster that cannot be planned or fails (default: change nothing when one cannot be planned; stop at the first failure)'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from status" -l insecure -d 'Do not verify the cluster\'s TLS certificate. Dangerous: for a one-off diagnosis only'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from status" -l no-proxy -d 'Connect directly, whatever proxy the environment or the context names'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from status" -l aws-sigv4 -d 'Sign requests with AWS SigV4 (Amazon OpenSearch Service, OpenSearch Serverless); credentials from the AWS SDK\'s chain'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from status" -l sandbox -d 'Run against a fresh in-process sandbox cluster instead of a real one'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from status" -s v -l verbose -d 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from help" -f -a "explain" -d 'Where ILM stands with each index: errors first, with the step that failed and why'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from help" -f -a "retry" -d 'Retry the failed ILM step of the given indices that are in the ERROR step (others are left alone)'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from help" -f -a "attach" -d 'Put unmanaged indices under an ILM policy (sets index.lifecycle.name); dry run unless --execute'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from help" -f -a "detach" -d 'Take indices out of ILM (POST /NAMES/_ilm/remove); dry run unless --execute'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from help" -f -a "switch" -d 'Change the ILM policy of managed indices (each finishes its current phase first); dry run unless --execute'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from help" -f -a "move" -d 'Move one index to another ILM step (POST /_ilm/move/INDEX); dry run unless --execute'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from help" -f -a "start" -d 'Start ILM on the cluster (POST /_ilm/start); dry run unless --execute'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from help" -f -a "stop" -d 'Stop ILM on the cluster (POST /_ilm/stop); dry run unless --execute'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from help" -f -a "status" -d 'ILM\'s operation mode and what it manages: indices per phase, in ERROR, waiting'
complete -c esops -n "__fish_esops_using_subcommand ism; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c esops -n "__fish_esops_using_subcommand bootstrap" -s f -l from -d 'Take the templates from this declared tree (files and folders) instead of the cluster' -r -F
complete -c esops -n "__fish_esops_using_subcommand bootstrap" -s o -l output -d 'Output format' -r -f -a "table\t'Aligned text for people'
json\t'JSON (stable field names)'
yaml\t'YAML'"
complete -c esops -n "__fish_esops_using_subcommand bootstrap" -l context -d 'Use this context of the config file (default: ESOPS_CONTEXT, then `current_context`). Several (`a,b`, or a pattern such as `prod-*`): read-only commands print one report; commands that change clusters show every plan, ask once, then go cluster by cluster' -r
complete -c esops -n "__fish_esops_using_subcommand bootstrap" -l parallel -d 'With several contexts: how many clusters to work on at once' -r
complete -c esops -n "__fish_esops_using_subcommand bootstrap" -l url -d 'Cluster URL, e.g. https://es.example.com:9200' -r
complete -c esops -n "__fish_esops_using_subcommand bootstrap" -l cloud-id -d 'Elastic Cloud ID (instead of --url)' -r
complete -c esops -n "__fish_esops_using_subcommand bootstrap" -l api-key -d 'API key: the encoded form, or ID:KEY. Prefer ESOPS_API_KEY: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand bootstrap" -l user -d 'User for basic authentication' -r
complete -c esops -n "__fish_esops_using_subcommand bootstrap" -l password -d 'Password for basic authentication. Prefer ESOPS_PASSWORD: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand bootstrap" -l bearer-token -d 'Bearer token (service account token, OAuth2 access token, JWT)' -r
complete -c esops -n "__fish_esops_using_subcommand bootstrap" -l ca-cert -d 'PEM file with the CA that signed the cluster\'s certificate (trusted in addition to the system store)' -r -F
complete -c esops -n "__fish_esops_using_subcommand bootstrap" -l ca-fingerprint -d 'Trust the cluster by the SHA-256 fingerprint of its CA (or certificate), as Elasticsearch prints it at first start' -r
complete -c esops -n "__fish_esops_using_subcommand bootstrap" -l client-cert -d 'PEM client certificate for mutual TLS (with --client-key)' -r -F
complete -c esops -n "__fish_esops_using_subcommand bootstrap" -l client-key -d 'PEM private key of the client certificate (unencrypted)' -r -F
complete -c esops -n "__fish_esops_using_subcommand bootstrap" -s H -l header -d 'Extra request header, `Name: value` (repeatable); `@FILE` reads `Name: value` lines from FILE' -r
complete -c esops -n "__fish_esops_using_subcommand bootstrap" -l proxy -d 'HTTP(S) proxy URL (default: ESOPS_PROXY, the context\'s `proxy`, then HTTPS_PROXY/HTTP_PROXY/ALL_PROXY with NO_PROXY)' -r
complete -c esops -n "__fish_esops_using_subcommand bootstrap" -l aws-region -d 'AWS region to sign for (default: ESOPS_AWS_REGION, AWS_REGION, the context, the *.amazonaws.com URL)' -r
complete -c esops -n "__fish_esops_using_subcommand bootstrap" -l aws-service -d 'AWS signing service: es (OpenSearch Service, Elasticsearch Service) or aoss (Serverless)' -r
complete -c esops -n "__fish_esops_using_subcommand bootstrap" -l aws-profile -d 'Profile of the AWS config files to take credentials from (instead of AWS_PROFILE)' -r
complete -c esops -n "__fish_esops_using_subcommand bootstrap" -l timeout -d 'Timeout of each request, connecting and reading the whole answer included (e.g. 30s, 2m)' -r
complete -c esops -n "__fish_esops_using_subcommand bootstrap" -l deadline -d 'Bound on the whole run (e.g. 5m): no request starts after it and one under way is cut off; the command then says what it did and what it left undone' -r
complete -c esops -n "__fish_esops_using_subcommand bootstrap" -l color -d 'When to use colour' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always'
never\t'Never'"
complete -c esops -n "__fish_esops_using_subcommand bootstrap" -l execute -d 'Make the change (after showing it); without it, only show what would change'
complete -c esops -n "__fish_esops_using_subcommand bootstrap" -s y -l yes -d 'With --execute: do not ask (required when stdin or stdout is not a terminal, as in cron)'
complete -c esops -n "__fish_esops_using_subcommand bootstrap" -l all-contexts -d 'Run on every context of the config file (as several --context)'
complete -c esops -n "__fish_esops_using_subcommand bootstrap" -l keep-going -d 'With several contexts, for commands that change clusters: go on past a cluster that cannot be planned or fails (default: change nothing when one cannot be planned; stop at the first failure)'
complete -c esops -n "__fish_esops_using_subcommand bootstrap" -l insecure -d 'Do not verify the cluster\'s TLS certificate. Dangerous: for a one-off diagnosis only'
complete -c esops -n "__fish_esops_using_subcommand bootstrap" -l no-proxy -d 'Connect directly, whatever proxy the environment or the context names'
complete -c esops -n "__fish_esops_using_subcommand bootstrap" -l aws-sigv4 -d 'Sign requests with AWS SigV4 (Amazon OpenSearch Service, OpenSearch Serverless); credentials from the AWS SDK\'s chain'
complete -c esops -n "__fish_esops_using_subcommand bootstrap" -l sandbox -d 'Run against a fresh in-process sandbox cluster instead of a real one'
complete -c esops -n "__fish_esops_using_subcommand bootstrap" -s v -l verbose -d 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)'
complete -c esops -n "__fish_esops_using_subcommand bootstrap" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c esops -n "__fish_esops_using_subcommand bootstrap" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esops -n "__fish_esops_using_subcommand sandbox" -l listen -d 'Address to listen on (loopback only)' -r
complete -c esops -n "__fish_esops_using_subcommand sandbox" -l distribution -d 'The distribution to emulate: elasticsearch, or opensearch (ISM under _plugins/_ism instead of ILM, OpenSearch\'s GET / answer)' -r -f -a "elasticsearch\t'Elasticsearch (ILM)'
opensearch\t'OpenSearch (ISM): ILM policies become ISM policies attached with ism_template'"
complete -c esops -n "__fish_esops_using_subcommand sandbox" -l version -l es-version -d 'The release of --distribution to emulate: Elasticsearch 7.17, 8.x or 9.x (default 8.15.0); OpenSearch 2.11 to 2.19 or 3.0 to 3.2 (default 2.19.1)' -r
complete -c esops -n "__fish_esops_using_subcommand sandbox" -l seed -d 'Seed demo data: daily indices FAMILY-YYYY.MM.DD under an ILM policy of the same name, plus a data stream and some unmanaged clutter' -r
complete -c esops -n "__fish_esops_using_subcommand sandbox" -l days -d 'With --seed: how many days of daily indices, ending today' -r
complete -c esops -n "__fish_esops_using_subcommand sandbox" -l state -d 'Load the cluster state from FILE at start and save it there on exit' -r -F
complete -c esops -n "__fish_esops_using_subcommand sandbox" -l nodes -d 'Data nodes to emulate: replicas are assigned to other nodes than their primary (one node leaves them unassigned: yellow). Default 1, or what --state holds' -r
complete -c esops -n "__fish_esops_using_subcommand sandbox" -l ca-cert-out -d 'With --tls: write the generated CA certificate (PEM) here, for --ca-cert' -r -F
complete -c esops -n "__fish_esops_using_subcommand sandbox" -l path-repo -d 'The node setting path.repo: a directory `fs` snapshot repositories may use (repeatable; relative locations resolve against the first). Without it, as on Elasticsearch, every `fs` repository is refused. Snapshots stay in memory (and in --state); nothing is written there' -r -F
complete -c esops -n "__fish_esops_using_subcommand sandbox" -l client-cert-out -d 'With --tls: write a client certificate signed by the sandbox CA here (PEM), for --client-cert' -r -F
complete -c esops -n "__fish_esops_using_subcommand sandbox" -l client-key-out -d 'With --tls: write the client certificate\'s private key here (PEM, mode 600), for --client-key' -r -F
complete -c esops -n "__fish_esops_using_subcommand sandbox" -l require-header -d 'Refuse requests without this header, `Name: value`, as a gateway in front of the cluster would (repeatable)' -r
complete -c esops -n "__fish_esops_using_subcommand sandbox" -l require-sigv4 -d 'Check AWS SigV4 signatures as Amazon OpenSearch Service does: SERVICE/REGION, e.g. es/eu-west-1 or aoss/us-east-1' -r
complete -c esops -n "__fish_esops_using_subcommand sandbox" -l sigv4-key -d 'With --require-sigv4: an access key IAM knows, ACCESS_KEY_ID:SECRET (repeatable)' -r
complete -c esops -n "__fish_esops_using_subcommand sandbox" -l now -d 'Start the virtual clock at this time (RFC 3339) instead of the real time: --seed\'s daily indices end on that day. With --frozen-clock, a reproducible cluster (the docs\' examples)' -r
complete -c esops -n "__fish_esops_using_subcommand sandbox" -l node-setting -d 'A node setting, as elasticsearch.yml would hold it (repeatable): cluster settings fall back to it and `include_defaults` shows it; `node.attr.NAME=VALUE` is a node attribute' -r
complete -c esops -n "__fish_esops_using_subcommand sandbox" -l context -d 'Use this context of the config file (default: ESOPS_CONTEXT, then `current_context`). Several (`a,b`, or a pattern such as `prod-*`): read-only commands print one report; commands that change clusters show every plan, ask once, then go cluster by cluster' -r
complete -c esops -n "__fish_esops_using_subcommand sandbox" -l parallel -d 'With several contexts: how many clusters to work on at once' -r
complete -c esops -n "__fish_esops_using_subcommand sandbox" -l url -d 'Cluster URL, e.g. https://es.example.com:9200' -r
complete -c esops -n "__fish_esops_using_subcommand sandbox" -l cloud-id -d 'Elastic Cloud ID (instead of --url)' -r
complete -c esops -n "__fish_esops_using_subcommand sandbox" -l api-key -d 'API key: the encoded form, or ID:KEY. Prefer ESOPS_API_KEY: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand sandbox" -l user -d 'User for basic authentication' -r
complete -c esops -n "__fish_esops_using_subcommand sandbox" -l password -d 'Password for basic authentication. Prefer ESOPS_PASSWORD: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand sandbox" -l bearer-token -d 'Bearer token (service account token, OAuth2 access token, JWT)' -r
complete -c esops -n "__fish_esops_using_subcommand sandbox" -l ca-cert -d 'PEM file with the CA that signed the cluster\'s certificate (trusted in addition to the system store)' -r -F
complete -c esops -n "__fish_esops_using_subcommand sandbox" -l ca-fingerprint -d 'Trust the cluster by the SHA-256 fingerprint of its CA (or certificate), as Elasticsearch prints it at first start' -r
complete -c esops -n "__fish_esops_using_subcommand sandbox" -l client-cert -d 'PEM client certificate for mutual TLS (with --client-key)' -r -F
complete -c esops -n "__fish_esops_using_subcommand sandbox" -l client-key -d 'PEM private key of the client certificate (unencrypted)' -r -F
complete -c esops -n "__fish_esops_using_subcommand sandbox" -s H -l header -d 'Extra request header, `Name: value` (repeatable); `@FILE` reads `Name: value` lines from FILE' -r
complete -c esops -n "__fish_esops_using_subcommand sandbox" -l proxy -d 'HTTP(S) proxy URL (default: ESOPS_PROXY, the context\'s `proxy`, then HTTPS_PROXY/HTTP_PROXY/ALL_PROXY with NO_PROXY)' -r
complete -c esops -n "__fish_esops_using_subcommand sandbox" -l aws-region -d 'AWS region to sign for (default: ESOPS_AWS_REGION, AWS_REGION, the context, the *.amazonaws.com URL)' -r
complete -c esops -n "__fish_esops_using_subcommand sandbox" -l aws-service -d 'AWS signing service: es (OpenSearch Service, Elasticsearch Service) or aoss (Serverless)' -r
complete -c esops -n "__fish_esops_using_subcommand sandbox" -l aws-profile -d 'Profile of the AWS config files to take credentials from (instead of AWS_PROFILE)' -r
complete -c esops -n "__fish_esops_using_subcommand sandbox" -l timeout -d 'Timeout of each request, connecting and reading the whole answer included (e.g. 30s, 2m)' -r
complete -c esops -n "__fish_esops_using_subcommand sandbox" -l deadline -d 'Bound on the whole run (e.g. 5m): no request starts after it and one under way is cut off; the command then says what it did and what it left undone' -r
complete -c esops -n "__fish_esops_using_subcommand sandbox" -l color -d 'When to use colour' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always'
never\t'Never'"
complete -c esops -n "__fish_esops_using_subcommand sandbox" -l tls -d 'Serve HTTPS with a self-signed certificate generated at start'
complete -c esops -n "__fish_esops_using_subcommand sandbox" -l require-client-cert -d 'With --tls: require a client certificate signed by the sandbox CA (mutual TLS, as `xpack.security.http.ssl.client_authentication: required`)'
complete -c esops -n "__fish_esops_using_subcommand sandbox" -l frozen-clock -d 'Freeze the virtual clock: it moves only on POST /_sandbox/clock/_advance or _set (for deterministic tests). By default it follows the wall clock'
complete -c esops -n "__fish_esops_using_subcommand sandbox" -l all-contexts -d 'Run on every context of the config file (as several --context)'
complete -c esops -n "__fish_esops_using_subcommand sandbox" -l keep-going -d 'With several contexts, for commands that change clusters: go on past a cluster that cannot be planned or fails (default: change nothing when one cannot be planned; stop at the first failure)'
complete -c esops -n "__fish_esops_using_subcommand sandbox" -l insecure -d 'Do not verify the cluster\'s TLS certificate. Dangerous: for a one-off diagnosis only'
complete -c esops -n "__fish_esops_using_subcommand sandbox" -l no-proxy -d 'Connect directly, whatever proxy the environment or the context names'
complete -c esops -n "__fish_esops_using_subcommand sandbox" -l aws-sigv4 -d 'Sign requests with AWS SigV4 (Amazon OpenSearch Service, OpenSearch Serverless); credentials from the AWS SDK\'s chain'
complete -c esops -n "__fish_esops_using_subcommand sandbox" -l sandbox -d 'Run against a fresh in-process sandbox cluster instead of a real one'
complete -c esops -n "__fish_esops_using_subcommand sandbox" -s v -l verbose -d 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)'
complete -c esops -n "__fish_esops_using_subcommand sandbox" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c esops -n "__fish_esops_using_subcommand sandbox" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esops -n "__fish_esops_using_subcommand completions" -l context -d 'Use this context of the config file (default: ESOPS_CONTEXT, then `current_context`). Several (`a,b`, or a pattern such as `prod-*`): read-only commands print one report; commands that change clusters show every plan, ask once, then go cluster by cluster' -r
complete -c esops -n "__fish_esops_using_subcommand completions" -l parallel -d 'With several contexts: how many clusters to work on at once' -r
complete -c esops -n "__fish_esops_using_subcommand completions" -l url -d 'Cluster URL, e.g. https://es.example.com:9200' -r
complete -c esops -n "__fish_esops_using_subcommand completions" -l cloud-id -d 'Elastic Cloud ID (instead of --url)' -r
complete -c esops -n "__fish_esops_using_subcommand completions" -l api-key -d 'API key: the encoded form, or ID:KEY. Prefer ESOPS_API_KEY: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand completions" -l user -d 'User for basic authentication' -r
complete -c esops -n "__fish_esops_using_subcommand completions" -l password -d 'Password for basic authentication. Prefer ESOPS_PASSWORD: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand completions" -l bearer-token -d 'Bearer token (service account token, OAuth2 access token, JWT)' -r
complete -c esops -n "__fish_esops_using_subcommand completions" -l ca-cert -d 'PEM file with the CA that signed the cluster\'s certificate (trusted in addition to the system store)' -r -F
complete -c esops -n "__fish_esops_using_subcommand completions" -l ca-fingerprint -d 'Trust the cluster by the SHA-256 fingerprint of its CA (or certificate), as Elasticsearch prints it at first start' -r
complete -c esops -n "__fish_esops_using_subcommand completions" -l client-cert -d 'PEM client certificate for mutual TLS (with --client-key)' -r -F
complete -c esops -n "__fish_esops_using_subcommand completions" -l client-key -d 'PEM private key of the client certificate (unencrypted)' -r -F
complete -c esops -n "__fish_esops_using_subcommand completions" -s H -l header -d 'Extra request header, `Name: value` (repeatable); `@FILE` reads `Name: value` lines from FILE' -r
complete -c esops -n "__fish_esops_using_subcommand completions" -l proxy -d 'HTTP(S) proxy URL (default: ESOPS_PROXY, the context\'s `proxy`, then HTTPS_PROXY/HTTP_PROXY/ALL_PROXY with NO_PROXY)' -r
complete -c esops -n "__fish_esops_using_subcommand completions" -l aws-region -d 'AWS region to sign for (default: ESOPS_AWS_REGION, AWS_REGION, the context, the *.amazonaws.com URL)' -r
complete -c esops -n "__fish_esops_using_subcommand completions" -l aws-service -d 'AWS signing service: es (OpenSearch Service, Elasticsearch Service) or aoss (Serverless)' -r
complete -c esops -n "__fish_esops_using_subcommand completions" -l aws-profile -d 'Profile of the AWS config files to take credentials from (instead of AWS_PROFILE)' -r
complete -c esops -n "__fish_esops_using_subcommand completions" -l timeout -d 'Timeout of each request, connecting and reading the whole answer included (e.g. 30s, 2m)' -r
complete -c esops -n "__fish_esops_using_subcommand completions" -l deadline -d 'Bound on the whole run (e.g. 5m): no request starts after it and one under way is cut off; the command then says what it did and what it left undone' -r
complete -c esops -n "__fish_esops_using_subcommand completions" -l color -d 'When to use colour' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always'
never\t'Never'"
complete -c esops -n "__fish_esops_using_subcommand completions" -l all-contexts -d 'Run on every context of the config file (as several --context)'
complete -c esops -n "__fish_esops_using_subcommand completions" -l keep-going -d 'With several contexts, for commands that change clusters: go on past a cluster that cannot be planned or fails (default: change nothing when one cannot be planned; stop at the first failure)'
complete -c esops -n "__fish_esops_using_subcommand completions" -l insecure -d 'Do not verify the cluster\'s TLS certificate. Dangerous: for a one-off diagnosis only'
complete -c esops -n "__fish_esops_using_subcommand completions" -l no-proxy -d 'Connect directly, whatever proxy the environment or the context names'
complete -c esops -n "__fish_esops_using_subcommand completions" -l aws-sigv4 -d 'Sign requests with AWS SigV4 (Amazon OpenSearch Service, OpenSearch Serverless); credentials from the AWS SDK\'s chain'
complete -c esops -n "__fish_esops_using_subcommand completions" -l sandbox -d 'Run against a fresh in-process sandbox cluster instead of a real one'
complete -c esops -n "__fish_esops_using_subcommand completions" -s v -l verbose -d 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)'
complete -c esops -n "__fish_esops_using_subcommand completions" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c esops -n "__fish_esops_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esops -n "__fish_esops_using_subcommand man" -l out -d 'Write every page (esops.1, esops-plan.1, esops-ilm-explain.1, …) into DIR instead of printing the top page. DIR is created if missing; existing pages are overwritten' -r -F
complete -c esops -n "__fish_esops_using_subcommand man" -l context -d 'Use this context of the config file (default: ESOPS_CONTEXT, then `current_context`). Several (`a,b`, or a pattern such as `prod-*`): read-only commands print one report; commands that change clusters show every plan, ask once, then go cluster by cluster' -r
complete -c esops -n "__fish_esops_using_subcommand man" -l parallel -d 'With several contexts: how many clusters to work on at once' -r
complete -c esops -n "__fish_esops_using_subcommand man" -l url -d 'Cluster URL, e.g. https://es.example.com:9200' -r
complete -c esops -n "__fish_esops_using_subcommand man" -l cloud-id -d 'Elastic Cloud ID (instead of --url)' -r
complete -c esops -n "__fish_esops_using_subcommand man" -l api-key -d 'API key: the encoded form, or ID:KEY. Prefer ESOPS_API_KEY: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand man" -l user -d 'User for basic authentication' -r
complete -c esops -n "__fish_esops_using_subcommand man" -l password -d 'Password for basic authentication. Prefer ESOPS_PASSWORD: flags show up in `ps`' -r
complete -c esops -n "__fish_esops_using_subcommand man" -l bearer-token -d 'Bearer token (service account token, OAuth2 access token, JWT)' -r
complete -c esops -n "__fish_esops_using_subcommand man" -l ca-cert -d 'PEM file with the CA that signed the cluster\'s certificate (trusted in addition to the system store)' -r -F
complete -c esops -n "__fish_esops_using_subcommand man" -l ca-fingerprint -d 'Trust the cluster by the SHA-256 fingerprint of its CA (or certificate), as Elasticsearch prints it at first start' -r
complete -c esops -n "__fish_esops_using_subcommand man" -l client-cert -d 'PEM client certificate for mutual TLS (with --client-key)' -r -F
complete -c esops -n "__fish_esops_using_subcommand man" -l client-key -d 'PEM private key of the client certificate (unencrypted)' -r -F
complete -c esops -n "__fish_esops_using_subcommand man" -s H -l header -d 'Extra request header, `Name: value` (repeatable); `@FILE` reads `Name: value` lines from FILE' -r
complete -c esops -n "__fish_esops_using_subcommand man" -l proxy -d 'HTTP(S) proxy URL (default: ESOPS_PROXY, the context\'s `proxy`, then HTTPS_PROXY/HTTP_PROXY/ALL_PROXY with NO_PROXY)' -r
complete -c esops -n "__fish_esops_using_subcommand man" -l aws-region -d 'AWS region to sign for (default: ESOPS_AWS_REGION, AWS_REGION, the context, the *.amazonaws.com URL)' -r
complete -c esops -n "__fish_esops_using_subcommand man" -l aws-service -d 'AWS signing service: es (OpenSearch Service, Elasticsearch Service) or aoss (Serverless)' -r
complete -c esops -n "__fish_esops_using_subcommand man" -l aws-profile -d 'Profile of the AWS config files to take credentials from (instead of AWS_PROFILE)' -r
complete -c esops -n "__fish_esops_using_subcommand man" -l timeout -d 'Timeout of each request, connecting and reading the whole answer included (e.g. 30s, 2m)' -r
complete -c esops -n "__fish_esops_using_subcommand man" -l deadline -d 'Bound on the whole run (e.g. 5m): no request starts after it and one under way is cut off; the command then says what it did and what it left undone' -r
complete -c esops -n "__fish_esops_using_subcommand man" -l color -d 'When to use colour' -r -f -a "auto\t'Colour on a terminal, unless NO_COLOR is set'
always\t'Always'
never\t'Never'"
complete -c esops -n "__fish_esops_using_subcommand man" -l all-contexts -d 'Run on every context of the config file (as several --context)'
complete -c esops -n "__fish_esops_using_subcommand man" -l keep-going -d 'With several contexts, for commands that change clusters: go on past a cluster that cannot be planned or fails (default: change nothing when one cannot be planned; stop at the first failure)'
complete -c esops -n "__fish_esops_using_subcommand man" -l insecure -d 'Do not verify the cluster\'s TLS certificate. Dangerous: for a one-off diagnosis only'
complete -c esops -n "__fish_esops_using_subcommand man" -l no-proxy -d 'Connect directly, whatever proxy the environment or the context names'
complete -c esops -n "__fish_esops_using_subcommand man" -l aws-sigv4 -d 'Sign requests with AWS SigV4 (Amazon OpenSearch Service, OpenSearch Serverless); credentials from the AWS SDK\'s chain'
complete -c esops -n "__fish_esops_using_subcommand man" -l sandbox -d 'Run against a fresh in-process sandbox cluster instead of a real one'
complete -c esops -n "__fish_esops_using_subcommand man" -s v -l verbose -d 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)'
complete -c esops -n "__fish_esops_using_subcommand man" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c esops -n "__fish_esops_using_subcommand man" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esops -n "__fish_esops_using_subcommand help; and not __fish_seen_subcommand_from info audit context validate render plan apply export pipeline retention indices rollover ilm bootstrap sandbox completions man help" -f -a "info" -d 'Cluster name, version, distribution, health, ILM status and disk per node'
complete -c esops -n "__fish_esops_using_subcommand help; and not __fish_seen_subcommand_from info audit context validate render plan apply export pipeline retention indices rollover ilm bootstrap sandbox completions man help" -f -a "audit" -d 'Disk use per index family, growth, flood stage forecast, ILM health, retention and shard findings'
complete -c esops -n "__fish_esops_using_subcommand help; and not __fish_seen_subcommand_from info audit context validate render plan apply export pipeline retention indices rollover ilm bootstrap sandbox completions man help" -f -a "context" -d 'Named clusters in the config file (kubectl-style contexts)'
complete -c esops -n "__fish_esops_using_subcommand help; and not __fish_seen_subcommand_from info audit context validate render plan apply export pipeline retention indices rollover ilm bootstrap sandbox completions man help" -f -a "validate" -d 'Check a config tree offline: YAML, schema, ILM rules, references, template overlaps'
complete -c esops -n "__fish_esops_using_subcommand help; and not __fish_seen_subcommand_from info audit context validate render plan apply export pipeline retention indices rollover ilm bootstrap sandbox completions man help" -f -a "render" -d 'Print the exact requests (method, path, JSON body) a config tree stands for, shorthand expanded'
complete -c esops -n "__fish_esops_using_subcommand help; and not __fish_seen_subcommand_from info audit context validate render plan apply export pipeline retention indices rollover ilm bootstrap sandbox completions man help" -f -a "plan" -d 'Compare the declared tree with the cluster: what apply would change, and what that does to existing indices'
complete -c esops -n "__fish_esops_using_subcommand help; and not __fish_seen_subcommand_from info audit context validate render plan apply export pipeline retention indices rollover ilm bootstrap sandbox completions man help" -f -a "apply" -d 'Carry out the plan in dependency order (asks on a terminal; needs --yes otherwise)'
complete -c esops -n "__fish_esops_using_subcommand help; and not __fish_seen_subcommand_from info audit context validate render plan apply export pipeline retention indices rollover ilm bootstrap sandbox completions man help" -f -a "export" -d 'Write the cluster\'s policies, templates and pipelines as an esops tree (adopting a cluster)'
complete -c esops -n "__fish_esops_using_subcommand help; and not __fish_seen_subcommand_from info audit context validate render plan apply export pipeline retention indices rollover ilm bootstrap sandbox completions man help" -f -a "pipeline" -d 'Ingest pipelines: test them against expected (golden) results'
complete -c esops -n "__fish_esops_using_subcommand help; and not __fish_seen_subcommand_from info audit context validate render plan apply export pipeline retention indices rollover ilm bootstrap sandbox completions man help" -f -a "retention" -d 'Indices past their retention or beyond a count, size or disk limit: dry run by default, `--execute` deletes them'
complete -c esops -n "__fish_esops_using_subcommand help; and not __fish_seen_subcommand_from info audit context validate render plan apply export pipeline retention indices rollover ilm bootstrap sandbox completions man help" -f -a "indices" -d 'Close, open, forcemerge, set replicas of or shrink a selection of indices (retention\'s selection)'
complete -c esops -n "__fish_esops_using_subcommand help; and not __fish_seen_subcommand_from info audit context validate render plan apply export pipeline retention indices rollover ilm bootstrap sandbox completions man help" -f -a "rollover" -d 'Evaluate rollover conditions with Elasticsearch\'s own dry run; `--execute` rolls over what is due'
complete -c esops -n "__fish_esops_using_subcommand help; and not __fish_seen_subcommand_from info audit context validate render plan apply export pipeline retention indices rollover ilm bootstrap sandbox completions man help" -f -a "ilm" -d 'ILM state per index, errors first (`explain`); retry failed steps (`retry`); attach, switch, detach and move policies; start and stop ILM. On OpenSearch the same verbs drive ISM (`esops ism` is the same command)'
complete -c esops -n "__fish_esops_using_subcommand help; and not __fish_seen_subcommand_from info audit context validate render plan apply export pipeline retention indices rollover ilm bootstrap sandbox completions man help" -f -a "bootstrap" -d 'Create the first write index NAME-000001 with its write alias NAME, or the data stream NAME, as the matching index template says; dry run unless --execute'
complete -c esops -n "__fish_esops_using_subcommand help; and not __fish_seen_subcommand_from info audit context validate render plan apply export pipeline retention indices rollover ilm bootstrap sandbox completions man help" -f -a "sandbox" -d 'Serve the built-in emulated Elasticsearch cluster on loopback (try esops without a cluster)'
complete -c esops -n "__fish_esops_using_subcommand help; and not __fish_seen_subcommand_from info audit context validate render plan apply export pipeline retention indices rollover ilm bootstrap sandbox completions man help" -f -a "completions" -d 'Print a shell completion script'
complete -c esops -n "__fish_esops_using_subcommand help; and not __fish_seen_subcommand_from info audit context validate render plan apply export pipeline retention indices rollover ilm bootstrap sandbox completions man help" -f -a "man" -d 'Print the man page (roff), or write one page per command with --out'
complete -c esops -n "__fish_esops_using_subcommand help; and not __fish_seen_subcommand_from info audit context validate render plan apply export pipeline retention indices rollover ilm bootstrap sandbox completions man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c esops -n "__fish_esops_using_subcommand help; and __fish_seen_subcommand_from context" -f -a "list" -d 'List the contexts of the config file; the current one is marked with `*`'
complete -c esops -n "__fish_esops_using_subcommand help; and __fish_seen_subcommand_from context" -f -a "use" -d 'Make NAME the current context (rewrites `current_context` in the config file)'
complete -c esops -n "__fish_esops_using_subcommand help; and __fish_seen_subcommand_from context" -f -a "show" -d 'Show every resolved connection setting and where it came from (secrets redacted)'
complete -c esops -n "__fish_esops_using_subcommand help; and __fish_seen_subcommand_from pipeline" -f -a "test" -d 'Run each pipeline\'s test documents through `_simulate` and compare the results with the expected files'
complete -c esops -n "__fish_esops_using_subcommand help; and __fish_seen_subcommand_from indices" -f -a "close" -d 'Close the selected indices (`POST /{index}/_close`): they keep their disk but no heap'
complete -c esops -n "__fish_esops_using_subcommand help; and __fish_seen_subcommand_from indices" -f -a "open" -d 'Open the selected closed indices (`POST /{index}/_open`)'
complete -c esops -n "__fish_esops_using_subcommand help; and __fish_seen_subcommand_from indices" -f -a "forcemerge" -d 'Merge the selected indices\' segments (`POST /{index}/_forcemerge?max_num_segments=N`)'
complete -c esops -n "__fish_esops_using_subcommand help; and __fish_seen_subcommand_from indices" -f -a "set-replicas" -d 'Set the number of replicas of the selected indices (`index.number_of_replicas`)'
complete -c esops -n "__fish_esops_using_subcommand help; and __fish_seen_subcommand_from indices" -f -a "shrink" -d 'Shrink each selected index into `{index}-shrink` with fewer primary shards, once ES\'s prerequisites hold (write block, a copy of every shard on one node, green, a factor)'
complete -c esops -n "__fish_esops_using_subcommand help; and __fish_seen_subcommand_from indices" -f -a "snapshot" -d 'Take one snapshot of the selected indices into a repository and wait for it: it counts only when it ends SUCCESS holding every selected index (PARTIAL, FAILED or a timeout exit 1). The --log-file lines carry the restore request of each index'
complete -c esops -n "__fish_esops_using_subcommand help; and __fish_seen_subcommand_from ilm" -f -a "explain" -d 'Where ILM stands with each index: errors first, with the step that failed and why'
complete -c esops -n "__fish_esops_using_subcommand help; and __fish_seen_subcommand_from ilm" -f -a "retry" -d 'Retry the failed ILM step of the given indices that are in the ERROR step (others are left alone)'
complete -c esops -n "__fish_esops_using_subcommand help; and __fish_seen_subcommand_from ilm" -f -a "attach" -d 'Put unmanaged indices under an ILM policy (sets index.lifecycle.name); dry run unless --execute'
complete -c esops -n "__fish_esops_using_subcommand help; and __fish_seen_subcommand_from ilm" -f -a "detach" -d 'Take indices out of ILM (POST /NAMES/_ilm/remove); dry run unless --execute'
complete -c esops -n "__fish_esops_using_subcommand help; and __fish_seen_subcommand_from ilm" -f -a "switch" -d 'Change the ILM policy of managed indices (each finishes its current phase first); dry run unless --execute'
complete -c esops -n "__fish_esops_using_subcommand help; and __fish_seen_subcommand_from ilm" -f -a "move" -d 'Move one index to another ILM step (POST /_ilm/move/INDEX); dry run unless --execute'
complete -c esops -n "__fish_esops_using_subcommand help; and __fish_seen_subcommand_from ilm" -f -a "start" -d 'Start ILM on the cluster (POST /_ilm/start); dry run unless --execute'
complete -c esops -n "__fish_esops_using_subcommand help; and __fish_seen_subcommand_from ilm" -f -a "stop" -d 'Stop ILM on the cluster (POST /_ilm/stop); dry run unless --execute'
complete -c esops -n "__fish_esops_using_subcommand help; and __fish_seen_subcommand_from ilm" -f -a "status" -d 'ILM\'s operation mode and what it manages: indices per phase, in ERROR, waiting'
