
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'esops' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'esops'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'esops' {
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this context of the config file (default: ESOPS_CONTEXT, then `current_context`)')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Cluster URL, e.g. https://es.example.com:9200')
            [CompletionResult]::new('--cloud-id', '--cloud-id', [CompletionResultType]::ParameterName, 'Elastic Cloud ID (instead of --url)')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key: the encoded form, or ID:KEY. Prefer ESOPS_API_KEY: flags show up in `ps`')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User for basic authentication')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'Password for basic authentication. Prefer ESOPS_PASSWORD: flags show up in `ps`')
            [CompletionResult]::new('--bearer-token', '--bearer-token', [CompletionResultType]::ParameterName, 'Bearer token (service account token, OAuth2 access token, JWT)')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'PEM file with the CA that signed the cluster''s certificate (trusted in addition to the system store)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each request, connecting and reading the whole answer included (e.g. 30s, 2m)')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Bound on the whole run (e.g. 5m): no request starts after it and one under way is cut off; the command then says what it did and what it left undone')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the cluster''s TLS certificate. Dangerous: for a one-off diagnosis only')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a fresh in-process sandbox cluster instead of a real one')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'Cluster name, version, distribution, health, ILM status and disk per node')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'Disk use per index family, growth, flood stage forecast, ILM health, retention and shard findings')
            [CompletionResult]::new('context', 'context', [CompletionResultType]::ParameterValue, 'Named clusters in the config file (kubectl-style contexts)')
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check a config tree offline: YAML, schema, ILM rules, references, template overlaps')
            [CompletionResult]::new('render', 'render', [CompletionResultType]::ParameterValue, 'Print the exact requests (method, path, JSON body) a config tree stands for, shorthand expanded')
            [CompletionResult]::new('plan', 'plan', [CompletionResultType]::ParameterValue, 'Compare the declared tree with the cluster: what apply would change, and what that does to existing indices')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Carry out the plan in dependency order (asks on a terminal; needs --yes otherwise)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write the cluster''s policies, templates and pipelines as an esops tree (adopting a cluster)')
            [CompletionResult]::new('pipeline', 'pipeline', [CompletionResultType]::ParameterValue, 'Ingest pipelines: test them against expected (golden) results')
            [CompletionResult]::new('retention', 'retention', [CompletionResultType]::ParameterValue, 'Indices past their retention: dry run by default, `--execute` deletes them')
            [CompletionResult]::new('rollover', 'rollover', [CompletionResultType]::ParameterValue, 'Evaluate rollover conditions with Elasticsearch''s own dry run; `--execute` rolls over what is due')
            [CompletionResult]::new('ilm', 'ilm', [CompletionResultType]::ParameterValue, 'ILM state per index, errors first (`explain`); retry failed steps (`retry`)')
            [CompletionResult]::new('sandbox', 'sandbox', [CompletionResultType]::ParameterValue, 'Serve the built-in emulated Elasticsearch cluster on loopback (try esops without a cluster)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page (roff)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'esops;info' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this context of the config file (default: ESOPS_CONTEXT, then `current_context`)')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Cluster URL, e.g. https://es.example.com:9200')
            [CompletionResult]::new('--cloud-id', '--cloud-id', [CompletionResultType]::ParameterName, 'Elastic Cloud ID (instead of --url)')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key: the encoded form, or ID:KEY. Prefer ESOPS_API_KEY: flags show up in `ps`')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User for basic authentication')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'Password for basic authentication. Prefer ESOPS_PASSWORD: flags show up in `ps`')
            [CompletionResult]::new('--bearer-token', '--bearer-token', [CompletionResultType]::ParameterName, 'Bearer token (service account token, OAuth2 access token, JWT)')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'PEM file with the CA that signed the cluster''s certificate (trusted in addition to the system store)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each request, connecting and reading the whole answer included (e.g. 30s, 2m)')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Bound on the whole run (e.g. 5m): no request starts after it and one under way is cut off; the command then says what it did and what it left undone')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the cluster''s TLS certificate. Dangerous: for a one-off diagnosis only')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a fresh in-process sandbox cluster instead of a real one')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'esops;audit' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--by', '--by', [CompletionResultType]::ParameterName, 'Rows of the main table (and of CSV): index families, days of data, ILM phases or nodes')
            [CompletionResult]::new('--pattern', '--pattern', [CompletionResultType]::ParameterName, 'Only indices matching this pattern (`*` wildcards), e.g. `python-logs-*`')
            [CompletionResult]::new('--family', '--family', [CompletionResultType]::ParameterName, 'Only this index family (the name without date and generation), e.g. `python-logs`')
            [CompletionResult]::new('--horizon', '--horizon', [CompletionResultType]::ParameterName, 'Report a flood stage forecast within this horizon')
            [CompletionResult]::new('--fail-on', '--fail-on', [CompletionResultType]::ParameterName, 'Exit 2 when a finding reaches this severity')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Audit as of this time (RFC 3339, e.g. 2024-06-01T00:00:00Z), for reproducible runs; default: now')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this context of the config file (default: ESOPS_CONTEXT, then `current_context`)')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Cluster URL, e.g. https://es.example.com:9200')
            [CompletionResult]::new('--cloud-id', '--cloud-id', [CompletionResultType]::ParameterName, 'Elastic Cloud ID (instead of --url)')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key: the encoded form, or ID:KEY. Prefer ESOPS_API_KEY: flags show up in `ps`')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User for basic authentication')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'Password for basic authentication. Prefer ESOPS_PASSWORD: flags show up in `ps`')
            [CompletionResult]::new('--bearer-token', '--bearer-token', [CompletionResultType]::ParameterName, 'Bearer token (service account token, OAuth2 access token, JWT)')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'PEM file with the CA that signed the cluster''s certificate (trusted in addition to the system store)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each request, connecting and reading the whole answer included (e.g. 30s, 2m)')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Bound on the whole run (e.g. 5m): no request starts after it and one under way is cut off; the command then says what it did and what it left undone')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the cluster''s TLS certificate. Dangerous: for a one-off diagnosis only')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a fresh in-process sandbox cluster instead of a real one')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'esops;context' {
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this context of the config file (default: ESOPS_CONTEXT, then `current_context`)')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Cluster URL, e.g. https://es.example.com:9200')
            [CompletionResult]::new('--cloud-id', '--cloud-id', [CompletionResultType]::ParameterName, 'Elastic Cloud ID (instead of --url)')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key: the encoded form, or ID:KEY. Prefer ESOPS_API_KEY: flags show up in `ps`')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User for basic authentication')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'Password for basic authentication. Prefer ESOPS_PASSWORD: flags show up in `ps`')
            [CompletionResult]::new('--bearer-token', '--bearer-token', [CompletionResultType]::ParameterName, 'Bearer token (service account token, OAuth2 access token, JWT)')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'PEM file with the CA that signed the cluster''s certificate (trusted in addition to the system store)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each request, connecting and reading the whole answer included (e.g. 30s, 2m)')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Bound on the whole run (e.g. 5m): no request starts after it and one under way is cut off; the command then says what it did and what it left undone')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the cluster''s TLS certificate. Dangerous: for a one-off diagnosis only')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a fresh in-process sandbox cluster instead of a real one')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the contexts of the config file; the current one is marked with `*`')
            [CompletionResult]::new('use', 'use', [CompletionResultType]::ParameterValue, 'Make NAME the current context (rewrites `current_context` in the config file)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show every resolved connection setting and where it came from (secrets redacted)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'esops;context;list' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this context of the config file (default: ESOPS_CONTEXT, then `current_context`)')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Cluster URL, e.g. https://es.example.com:9200')
            [CompletionResult]::new('--cloud-id', '--cloud-id', [CompletionResultType]::ParameterName, 'Elastic Cloud ID (instead of --url)')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key: the encoded form, or ID:KEY. Prefer ESOPS_API_KEY: flags show up in `ps`')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User for basic authentication')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'Password for basic authentication. Prefer ESOPS_PASSWORD: flags show up in `ps`')
            [CompletionResult]::new('--bearer-token', '--bearer-token', [CompletionResultType]::ParameterName, 'Bearer token (service account token, OAuth2 access token, JWT)')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'PEM file with the CA that signed the cluster''s certificate (trusted in addition to the system store)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each request, connecting and reading the whole answer included (e.g. 30s, 2m)')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Bound on the whole run (e.g. 5m): no request starts after it and one under way is cut off; the command then says what it did and what it left undone')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the cluster''s TLS certificate. Dangerous: for a one-off diagnosis only')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a fresh in-process sandbox cluster instead of a real one')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'esops;context;use' {
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this context of the config file (default: ESOPS_CONTEXT, then `current_context`)')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Cluster URL, e.g. https://es.example.com:9200')
            [CompletionResult]::new('--cloud-id', '--cloud-id', [CompletionResultType]::ParameterName, 'Elastic Cloud ID (instead of --url)')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key: the encoded form, or ID:KEY. Prefer ESOPS_API_KEY: flags show up in `ps`')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User for basic authentication')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'Password for basic authentication. Prefer ESOPS_PASSWORD: flags show up in `ps`')
            [CompletionResult]::new('--bearer-token', '--bearer-token', [CompletionResultType]::ParameterName, 'Bearer token (service account token, OAuth2 access token, JWT)')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'PEM file with the CA that signed the cluster''s certificate (trusted in addition to the system store)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each request, connecting and reading the whole answer included (e.g. 30s, 2m)')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Bound on the whole run (e.g. 5m): no request starts after it and one under way is cut off; the command then says what it did and what it left undone')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the cluster''s TLS certificate. Dangerous: for a one-off diagnosis only')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a fresh in-process sandbox cluster instead of a real one')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'esops;context;show' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this context of the config file (default: ESOPS_CONTEXT, then `current_context`)')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Cluster URL, e.g. https://es.example.com:9200')
            [CompletionResult]::new('--cloud-id', '--cloud-id', [CompletionResultType]::ParameterName, 'Elastic Cloud ID (instead of --url)')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key: the encoded form, or ID:KEY. Prefer ESOPS_API_KEY: flags show up in `ps`')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User for basic authentication')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'Password for basic authentication. Prefer ESOPS_PASSWORD: flags show up in `ps`')
            [CompletionResult]::new('--bearer-token', '--bearer-token', [CompletionResultType]::ParameterName, 'Bearer token (service account token, OAuth2 access token, JWT)')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'PEM file with the CA that signed the cluster''s certificate (trusted in addition to the system store)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each request, connecting and reading the whole answer included (e.g. 30s, 2m)')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Bound on the whole run (e.g. 5m): no request starts after it and one under way is cut off; the command then says what it did and what it left undone')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the cluster''s TLS certificate. Dangerous: for a one-off diagnosis only')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a fresh in-process sandbox cluster instead of a real one')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'esops;context;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the contexts of the config file; the current one is marked with `*`')
            [CompletionResult]::new('use', 'use', [CompletionResultType]::ParameterValue, 'Make NAME the current context (rewrites `current_context` in the config file)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show every resolved connection setting and where it came from (secrets redacted)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'esops;context;help;list' {
            break
        }
        'esops;context;help;use' {
            break
        }
        'esops;context;help;show' {
            break
        }
        'esops;context;help;help' {
            break
        }
        'esops;validate' {
            [CompletionResult]::new('--assume-existing', '--assume-existing', [CompletionResultType]::ParameterName, 'Take KIND/NAME as existing on the cluster though the tree does not declare it (e.g. ilm_policy/shared-logs; `*` allowed in NAME; repeatable)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: table (messages on stderr) or json/yaml (a list of diagnostics on stdout)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: table (messages on stderr) or json/yaml (a list of diagnostics on stdout)')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'The distribution to check for: opensearch checks the translation of ILM policies to ISM')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this context of the config file (default: ESOPS_CONTEXT, then `current_context`)')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Cluster URL, e.g. https://es.example.com:9200')
            [CompletionResult]::new('--cloud-id', '--cloud-id', [CompletionResultType]::ParameterName, 'Elastic Cloud ID (instead of --url)')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key: the encoded form, or ID:KEY. Prefer ESOPS_API_KEY: flags show up in `ps`')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User for basic authentication')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'Password for basic authentication. Prefer ESOPS_PASSWORD: flags show up in `ps`')
            [CompletionResult]::new('--bearer-token', '--bearer-token', [CompletionResultType]::ParameterName, 'Bearer token (service account token, OAuth2 access token, JWT)')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'PEM file with the CA that signed the cluster''s certificate (trusted in addition to the system store)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each request, connecting and reading the whole answer included (e.g. 30s, 2m)')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Bound on the whole run (e.g. 5m): no request starts after it and one under way is cut off; the command then says what it did and what it left undone')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the cluster''s TLS certificate. Dangerous: for a one-off diagnosis only')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a fresh in-process sandbox cluster instead of a real one')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'esops;render' {
            [CompletionResult]::new('--assume-existing', '--assume-existing', [CompletionResultType]::ParameterName, 'Take KIND/NAME as existing on the cluster though the tree does not declare it (e.g. ilm_policy/shared-logs; `*` allowed in NAME; repeatable)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (json is byte for byte what is sent)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (json is byte for byte what is sent)')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'The distribution to render for: opensearch renders ILM policies as ISM policies')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this context of the config file (default: ESOPS_CONTEXT, then `current_context`)')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Cluster URL, e.g. https://es.example.com:9200')
            [CompletionResult]::new('--cloud-id', '--cloud-id', [CompletionResultType]::ParameterName, 'Elastic Cloud ID (instead of --url)')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key: the encoded form, or ID:KEY. Prefer ESOPS_API_KEY: flags show up in `ps`')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User for basic authentication')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'Password for basic authentication. Prefer ESOPS_PASSWORD: flags show up in `ps`')
            [CompletionResult]::new('--bearer-token', '--bearer-token', [CompletionResultType]::ParameterName, 'Bearer token (service account token, OAuth2 access token, JWT)')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'PEM file with the CA that signed the cluster''s certificate (trusted in addition to the system store)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each request, connecting and reading the whole answer included (e.g. 30s, 2m)')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Bound on the whole run (e.g. 5m): no request starts after it and one under way is cut off; the command then says what it did and what it left undone')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the cluster''s TLS certificate. Dangerous: for a one-off diagnosis only')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a fresh in-process sandbox cluster instead of a real one')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'esops;plan' {
            [CompletionResult]::new('--assume-existing', '--assume-existing', [CompletionResultType]::ParameterName, 'Take KIND/NAME as existing on the cluster though the tree does not declare it (e.g. ilm_policy/shared-logs; `*` allowed in NAME; repeatable)')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Also save the plan to FILE (JSON, created 0600); `esops apply FILE` then carries out exactly that plan, or refuses if the cluster no longer matches it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Compute the impact on existing indices as of this time (RFC 3339), instead of now')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this context of the config file (default: ESOPS_CONTEXT, then `current_context`)')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Cluster URL, e.g. https://es.example.com:9200')
            [CompletionResult]::new('--cloud-id', '--cloud-id', [CompletionResultType]::ParameterName, 'Elastic Cloud ID (instead of --url)')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key: the encoded form, or ID:KEY. Prefer ESOPS_API_KEY: flags show up in `ps`')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User for basic authentication')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'Password for basic authentication. Prefer ESOPS_PASSWORD: flags show up in `ps`')
            [CompletionResult]::new('--bearer-token', '--bearer-token', [CompletionResultType]::ParameterName, 'Bearer token (service account token, OAuth2 access token, JWT)')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'PEM file with the CA that signed the cluster''s certificate (trusted in addition to the system store)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each request, connecting and reading the whole answer included (e.g. 30s, 2m)')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Bound on the whole run (e.g. 5m): no request starts after it and one under way is cut off; the command then says what it did and what it left undone')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--prune', '--prune', [CompletionResultType]::ParameterName, 'Also delete resources marked `_meta.managed_by: esops` that the tree no longer declares')
            [CompletionResult]::new('--detailed-exitcode', '--detailed-exitcode', [CompletionResultType]::ParameterName, 'Exit 2 when there are changes (0 when there are none, 1 on errors)')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the cluster''s TLS certificate. Dangerous: for a one-off diagnosis only')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a fresh in-process sandbox cluster instead of a real one')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'esops;apply' {
            [CompletionResult]::new('--assume-existing', '--assume-existing', [CompletionResultType]::ParameterName, 'Take KIND/NAME as existing on the cluster though the tree does not declare it (e.g. ilm_policy/shared-logs; `*` allowed in NAME; repeatable)')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Compute the impact on existing indices as of this time (RFC 3339), instead of now')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this context of the config file (default: ESOPS_CONTEXT, then `current_context`)')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Cluster URL, e.g. https://es.example.com:9200')
            [CompletionResult]::new('--cloud-id', '--cloud-id', [CompletionResultType]::ParameterName, 'Elastic Cloud ID (instead of --url)')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key: the encoded form, or ID:KEY. Prefer ESOPS_API_KEY: flags show up in `ps`')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User for basic authentication')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'Password for basic authentication. Prefer ESOPS_PASSWORD: flags show up in `ps`')
            [CompletionResult]::new('--bearer-token', '--bearer-token', [CompletionResultType]::ParameterName, 'Bearer token (service account token, OAuth2 access token, JWT)')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'PEM file with the CA that signed the cluster''s certificate (trusted in addition to the system store)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each request, connecting and reading the whole answer included (e.g. 30s, 2m)')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Bound on the whole run (e.g. 5m): no request starts after it and one under way is cut off; the command then says what it did and what it left undone')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--prune', '--prune', [CompletionResultType]::ParameterName, 'Also delete resources marked `_meta.managed_by: esops` that the tree no longer declares')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Apply without asking (required when stdin or stdout is not a terminal, as in CI)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Apply without asking (required when stdin or stdout is not a terminal, as in CI)')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the cluster''s TLS certificate. Dangerous: for a one-off diagnosis only')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a fresh in-process sandbox cluster instead of a real one')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'esops;export' {
            [CompletionResult]::new('--kind', '--kind', [CompletionResultType]::ParameterName, 'Only this kind (repeatable): ilm_policy, component_template, index_template, ingest_pipeline')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Write one file per resource under DIR (DIR/ilm_policy/NAME.yaml, …) instead of one YAML stream on stdout')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this context of the config file (default: ESOPS_CONTEXT, then `current_context`)')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Cluster URL, e.g. https://es.example.com:9200')
            [CompletionResult]::new('--cloud-id', '--cloud-id', [CompletionResultType]::ParameterName, 'Elastic Cloud ID (instead of --url)')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key: the encoded form, or ID:KEY. Prefer ESOPS_API_KEY: flags show up in `ps`')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User for basic authentication')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'Password for basic authentication. Prefer ESOPS_PASSWORD: flags show up in `ps`')
            [CompletionResult]::new('--bearer-token', '--bearer-token', [CompletionResultType]::ParameterName, 'Bearer token (service account token, OAuth2 access token, JWT)')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'PEM file with the CA that signed the cluster''s certificate (trusted in addition to the system store)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each request, connecting and reading the whole answer included (e.g. 30s, 2m)')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Bound on the whole run (e.g. 5m): no request starts after it and one under way is cut off; the command then says what it did and what it left undone')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--include-managed', '--include-managed', [CompletionResultType]::ParameterName, 'Also Elastic''s own resources (`_meta.managed: true`, names starting with `.`)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'With --out: overwrite files that exist')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the cluster''s TLS certificate. Dangerous: for a one-off diagnosis only')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a fresh in-process sandbox cluster instead of a real one')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'esops;pipeline' {
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this context of the config file (default: ESOPS_CONTEXT, then `current_context`)')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Cluster URL, e.g. https://es.example.com:9200')
            [CompletionResult]::new('--cloud-id', '--cloud-id', [CompletionResultType]::ParameterName, 'Elastic Cloud ID (instead of --url)')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key: the encoded form, or ID:KEY. Prefer ESOPS_API_KEY: flags show up in `ps`')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User for basic authentication')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'Password for basic authentication. Prefer ESOPS_PASSWORD: flags show up in `ps`')
            [CompletionResult]::new('--bearer-token', '--bearer-token', [CompletionResultType]::ParameterName, 'Bearer token (service account token, OAuth2 access token, JWT)')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'PEM file with the CA that signed the cluster''s certificate (trusted in addition to the system store)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each request, connecting and reading the whole answer included (e.g. 30s, 2m)')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Bound on the whole run (e.g. 5m): no request starts after it and one under way is cut off; the command then says what it did and what it left undone')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the cluster''s TLS certificate. Dangerous: for a one-off diagnosis only')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a fresh in-process sandbox cluster instead of a real one')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Run each pipeline''s test documents through `_simulate` and compare the results with the expected files')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'esops;pipeline;test' {
            [CompletionResult]::new('--assume-existing', '--assume-existing', [CompletionResultType]::ParameterName, 'Take KIND/NAME as existing on the cluster though the tree does not declare it (e.g. ilm_policy/shared-logs; `*` allowed in NAME; repeatable)')
            [CompletionResult]::new('--pipeline', '--pipeline', [CompletionResultType]::ParameterName, 'Only this pipeline (default: every pipeline of the tree that has test cases)')
            [CompletionResult]::new('--ignore-field', '--ignore-field', [CompletionResultType]::ParameterName, 'Compare this field by presence only, like event.ingested (repeatable; dotted path)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this context of the config file (default: ESOPS_CONTEXT, then `current_context`)')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Cluster URL, e.g. https://es.example.com:9200')
            [CompletionResult]::new('--cloud-id', '--cloud-id', [CompletionResultType]::ParameterName, 'Elastic Cloud ID (instead of --url)')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key: the encoded form, or ID:KEY. Prefer ESOPS_API_KEY: flags show up in `ps`')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User for basic authentication')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'Password for basic authentication. Prefer ESOPS_PASSWORD: flags show up in `ps`')
            [CompletionResult]::new('--bearer-token', '--bearer-token', [CompletionResultType]::ParameterName, 'Bearer token (service account token, OAuth2 access token, JWT)')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'PEM file with the CA that signed the cluster''s certificate (trusted in addition to the system store)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each request, connecting and reading the whole answer included (e.g. 30s, 2m)')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Bound on the whole run (e.g. 5m): no request starts after it and one under way is cut off; the command then says what it did and what it left undone')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--from-cluster', '--from-cluster', [CompletionResultType]::ParameterName, 'Test the pipeline stored on the cluster under the same name instead of the tree''s')
            [CompletionResult]::new('--put-nested', '--put-nested', [CompletionResultType]::ParameterName, 'PUT the tree''s pipelines that the tested one calls, instead of requiring them on the cluster (changes the cluster: for test clusters and sandboxes)')
            [CompletionResult]::new('--update', '--update', [CompletionResultType]::ParameterName, 'Rewrite the expected files with the results (review the diff before committing)')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the cluster''s TLS certificate. Dangerous: for a one-off diagnosis only')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a fresh in-process sandbox cluster instead of a real one')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'esops;pipeline;help' {
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Run each pipeline''s test documents through `_simulate` and compare the results with the expected files')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'esops;pipeline;help;test' {
            break
        }
        'esops;pipeline;help;help' {
            break
        }
        'esops;retention' {
            [CompletionResult]::new('--older-than', '--older-than', [CompletionResultType]::ParameterName, 'Select indices older than this, e.g. 90d')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Take patterns and ages from a declared config tree (e.g. `-f policies/`): each index template attaching an ILM policy with a delete phase gives its patterns and the delete `min_age`')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'Take patterns and ages from a declared config tree (e.g. `-f policies/`): each index template attaching an ILM policy with a delete phase gives its patterns and the delete `min_age`')
            [CompletionResult]::new('--age-from', '--age-from', [CompletionResultType]::ParameterName, 'Where an index''s age comes from: the date in its name, or its creation date')
            [CompletionResult]::new('--date-format', '--date-format', [CompletionResultType]::ParameterName, 'The date format in index names (yyyy.MM.dd, yyyy-MM-dd, yyyyMMdd, yyyy.MM, or %Y.%m.%d…); default: inferred per family. Only names ending in a complete date of this format qualify')
            [CompletionResult]::new('--keep-newest', '--keep-newest', [CompletionResultType]::ParameterName, 'Never select the N newest indices of each family')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'The time to measure ages against (RFC 3339, e.g. 2024-06-01T00:00:00Z); default: now')
            [CompletionResult]::new('--max', '--max', [CompletionResultType]::ParameterName, 'Refuse to delete more than N indices')
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'With --execute: append one JSON line per deleted index to this file (an audit trail)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this context of the config file (default: ESOPS_CONTEXT, then `current_context`)')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Cluster URL, e.g. https://es.example.com:9200')
            [CompletionResult]::new('--cloud-id', '--cloud-id', [CompletionResultType]::ParameterName, 'Elastic Cloud ID (instead of --url)')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key: the encoded form, or ID:KEY. Prefer ESOPS_API_KEY: flags show up in `ps`')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User for basic authentication')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'Password for basic authentication. Prefer ESOPS_PASSWORD: flags show up in `ps`')
            [CompletionResult]::new('--bearer-token', '--bearer-token', [CompletionResultType]::ParameterName, 'Bearer token (service account token, OAuth2 access token, JWT)')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'PEM file with the CA that signed the cluster''s certificate (trusted in addition to the system store)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each request, connecting and reading the whole answer included (e.g. 30s, 2m)')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Bound on the whole run (e.g. 5m): no request starts after it and one under way is cut off; the command then says what it did and what it left undone')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--from-cluster-policies', '--from-cluster-policies', [CompletionResultType]::ParameterName, 'Take patterns and ages from the cluster: ILM policies with a delete phase and the index templates that attach them (`index.lifecycle.name`, in the template or its component templates)')
            [CompletionResult]::new('--include-hidden', '--include-hidden', [CompletionResultType]::ParameterName, 'Also consider hidden indices (`index.hidden`, data stream backing indices) and `.`-prefixed system indices')
            [CompletionResult]::new('--include-managed', '--include-managed', [CompletionResultType]::ParameterName, 'Also select indices an ILM policy manages (by default they are reported: ILM deletes them)')
            [CompletionResult]::new('--execute', '--execute', [CompletionResultType]::ParameterName, 'Delete the selected indices (after re-reading the cluster and checking the selection)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'With --execute: do not ask (required when stdin is not a terminal)')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the cluster''s TLS certificate. Dangerous: for a one-off diagnosis only')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a fresh in-process sandbox cluster instead of a real one')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'esops;rollover' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Take the governing policies'' rollover conditions from a declared config tree (e.g. `-f policies/`) instead of the cluster''s ILM policies')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'Take the governing policies'' rollover conditions from a declared config tree (e.g. `-f policies/`) instead of the cluster''s ILM policies')
            [CompletionResult]::new('--max-age', '--max-age', [CompletionResultType]::ParameterName, 'Roll over when the write index is this old (from its creation), e.g. 7d')
            [CompletionResult]::new('--max-docs', '--max-docs', [CompletionResultType]::ParameterName, 'Roll over at this many primary documents')
            [CompletionResult]::new('--max-size', '--max-size', [CompletionResultType]::ParameterName, 'Roll over when the primaries reach this size, e.g. 50gb (deprecated by ES: prefer --max-primary-shard-size)')
            [CompletionResult]::new('--max-primary-shard-size', '--max-primary-shard-size', [CompletionResultType]::ParameterName, 'Roll over when the largest primary shard reaches this size, e.g. 50gb')
            [CompletionResult]::new('--max-primary-shard-docs', '--max-primary-shard-docs', [CompletionResultType]::ParameterName, 'Roll over when the largest primary shard holds this many documents')
            [CompletionResult]::new('--min-age', '--min-age', [CompletionResultType]::ParameterName, 'Do not roll over before this age')
            [CompletionResult]::new('--min-docs', '--min-docs', [CompletionResultType]::ParameterName, 'Do not roll over below this many documents')
            [CompletionResult]::new('--min-size', '--min-size', [CompletionResultType]::ParameterName, 'Do not roll over below this size')
            [CompletionResult]::new('--min-primary-shard-size', '--min-primary-shard-size', [CompletionResultType]::ParameterName, 'Do not roll over while the largest primary shard is smaller')
            [CompletionResult]::new('--min-primary-shard-docs', '--min-primary-shard-docs', [CompletionResultType]::ParameterName, 'Do not roll over while the largest primary shard holds fewer documents')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'The time to show ages against (RFC 3339); default: now')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this context of the config file (default: ESOPS_CONTEXT, then `current_context`)')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Cluster URL, e.g. https://es.example.com:9200')
            [CompletionResult]::new('--cloud-id', '--cloud-id', [CompletionResultType]::ParameterName, 'Elastic Cloud ID (instead of --url)')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key: the encoded form, or ID:KEY. Prefer ESOPS_API_KEY: flags show up in `ps`')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User for basic authentication')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'Password for basic authentication. Prefer ESOPS_PASSWORD: flags show up in `ps`')
            [CompletionResult]::new('--bearer-token', '--bearer-token', [CompletionResultType]::ParameterName, 'Bearer token (service account token, OAuth2 access token, JWT)')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'PEM file with the CA that signed the cluster''s certificate (trusted in addition to the system store)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each request, connecting and reading the whole answer included (e.g. 30s, 2m)')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Bound on the whole run (e.g. 5m): no request starts after it and one under way is cut off; the command then says what it did and what it left undone')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Roll over unconditionally (ignores conditions)')
            [CompletionResult]::new('--execute', '--execute', [CompletionResultType]::ParameterName, 'Roll over the targets that are due (or all, with --force)')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the cluster''s TLS certificate. Dangerous: for a one-off diagnosis only')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a fresh in-process sandbox cluster instead of a real one')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'esops;ilm' {
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this context of the config file (default: ESOPS_CONTEXT, then `current_context`)')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Cluster URL, e.g. https://es.example.com:9200')
            [CompletionResult]::new('--cloud-id', '--cloud-id', [CompletionResultType]::ParameterName, 'Elastic Cloud ID (instead of --url)')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key: the encoded form, or ID:KEY. Prefer ESOPS_API_KEY: flags show up in `ps`')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User for basic authentication')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'Password for basic authentication. Prefer ESOPS_PASSWORD: flags show up in `ps`')
            [CompletionResult]::new('--bearer-token', '--bearer-token', [CompletionResultType]::ParameterName, 'Bearer token (service account token, OAuth2 access token, JWT)')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'PEM file with the CA that signed the cluster''s certificate (trusted in addition to the system store)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each request, connecting and reading the whole answer included (e.g. 30s, 2m)')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Bound on the whole run (e.g. 5m): no request starts after it and one under way is cut off; the command then says what it did and what it left undone')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the cluster''s TLS certificate. Dangerous: for a one-off diagnosis only')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a fresh in-process sandbox cluster instead of a real one')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('explain', 'explain', [CompletionResultType]::ParameterValue, 'Where ILM stands with each index: errors first, with the step that failed and why')
            [CompletionResult]::new('retry', 'retry', [CompletionResultType]::ParameterValue, 'Retry the failed ILM step of the given indices that are in the ERROR step (others are left alone)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'esops;ilm;explain' {
            [CompletionResult]::new('--policy', '--policy', [CompletionResultType]::ParameterName, 'Only indices managed by this policy (`*` wildcards allowed)')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Measure ages against this time (RFC 3339, e.g. 2024-06-01T00:00:00Z); default: now')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this context of the config file (default: ESOPS_CONTEXT, then `current_context`)')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Cluster URL, e.g. https://es.example.com:9200')
            [CompletionResult]::new('--cloud-id', '--cloud-id', [CompletionResultType]::ParameterName, 'Elastic Cloud ID (instead of --url)')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key: the encoded form, or ID:KEY. Prefer ESOPS_API_KEY: flags show up in `ps`')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User for basic authentication')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'Password for basic authentication. Prefer ESOPS_PASSWORD: flags show up in `ps`')
            [CompletionResult]::new('--bearer-token', '--bearer-token', [CompletionResultType]::ParameterName, 'Bearer token (service account token, OAuth2 access token, JWT)')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'PEM file with the CA that signed the cluster''s certificate (trusted in addition to the system store)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each request, connecting and reading the whole answer included (e.g. 30s, 2m)')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Bound on the whole run (e.g. 5m): no request starts after it and one under way is cut off; the command then says what it did and what it left undone')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--only-errors', '--only-errors', [CompletionResultType]::ParameterName, 'Only indices in the ERROR step, or whose policy does not exist')
            [CompletionResult]::new('--unmanaged', '--unmanaged', [CompletionResultType]::ParameterName, 'List the indices no policy manages too (by default they are only counted, unless named)')
            [CompletionResult]::new('--fail-on-error', '--fail-on-error', [CompletionResultType]::ParameterName, 'Exit 2 when an index is in the ERROR step or its policy does not exist (for cron and CI)')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the cluster''s TLS certificate. Dangerous: for a one-off diagnosis only')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a fresh in-process sandbox cluster instead of a real one')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'esops;ilm;retry' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this context of the config file (default: ESOPS_CONTEXT, then `current_context`)')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Cluster URL, e.g. https://es.example.com:9200')
            [CompletionResult]::new('--cloud-id', '--cloud-id', [CompletionResultType]::ParameterName, 'Elastic Cloud ID (instead of --url)')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key: the encoded form, or ID:KEY. Prefer ESOPS_API_KEY: flags show up in `ps`')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User for basic authentication')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'Password for basic authentication. Prefer ESOPS_PASSWORD: flags show up in `ps`')
            [CompletionResult]::new('--bearer-token', '--bearer-token', [CompletionResultType]::ParameterName, 'Bearer token (service account token, OAuth2 access token, JWT)')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'PEM file with the CA that signed the cluster''s certificate (trusted in addition to the system store)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each request, connecting and reading the whole answer included (e.g. 30s, 2m)')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Bound on the whole run (e.g. 5m): no request starts after it and one under way is cut off; the command then says what it did and what it left undone')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Retry without asking (required when stdin or stdout is not a terminal, as in cron)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Retry without asking (required when stdin or stdout is not a terminal, as in cron)')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the cluster''s TLS certificate. Dangerous: for a one-off diagnosis only')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a fresh in-process sandbox cluster instead of a real one')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'esops;ilm;help' {
            [CompletionResult]::new('explain', 'explain', [CompletionResultType]::ParameterValue, 'Where ILM stands with each index: errors first, with the step that failed and why')
            [CompletionResult]::new('retry', 'retry', [CompletionResultType]::ParameterValue, 'Retry the failed ILM step of the given indices that are in the ERROR step (others are left alone)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'esops;ilm;help;explain' {
            break
        }
        'esops;ilm;help;retry' {
            break
        }
        'esops;ilm;help;help' {
            break
        }
        'esops;sandbox' {
            [CompletionResult]::new('--listen', '--listen', [CompletionResultType]::ParameterName, 'Address to listen on (loopback only)')
            [CompletionResult]::new('--es-version', '--es-version', [CompletionResultType]::ParameterName, 'Elasticsearch version to emulate (7.17, 8.x, 9.x)')
            [CompletionResult]::new('--seed', '--seed', [CompletionResultType]::ParameterName, 'Seed demo data: daily indices FAMILY-YYYY.MM.DD under an ILM policy of the same name, plus a data stream and some unmanaged clutter')
            [CompletionResult]::new('--days', '--days', [CompletionResultType]::ParameterName, 'With --seed: how many days of daily indices, ending today')
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'Load the cluster state from FILE at start and save it there on exit')
            [CompletionResult]::new('--nodes', '--nodes', [CompletionResultType]::ParameterName, 'Data nodes to emulate: replicas are assigned to other nodes than their primary (one node leaves them unassigned: yellow). Default 1, or what --state holds')
            [CompletionResult]::new('--ca-cert-out', '--ca-cert-out', [CompletionResultType]::ParameterName, 'With --tls: write the generated CA certificate (PEM) here, for --ca-cert')
            [CompletionResult]::new('--node-setting', '--node-setting', [CompletionResultType]::ParameterName, 'A node setting, as elasticsearch.yml would hold it (repeatable): cluster settings fall back to it and `include_defaults` shows it; `node.attr.NAME=VALUE` is a node attribute')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this context of the config file (default: ESOPS_CONTEXT, then `current_context`)')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Cluster URL, e.g. https://es.example.com:9200')
            [CompletionResult]::new('--cloud-id', '--cloud-id', [CompletionResultType]::ParameterName, 'Elastic Cloud ID (instead of --url)')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key: the encoded form, or ID:KEY. Prefer ESOPS_API_KEY: flags show up in `ps`')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User for basic authentication')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'Password for basic authentication. Prefer ESOPS_PASSWORD: flags show up in `ps`')
            [CompletionResult]::new('--bearer-token', '--bearer-token', [CompletionResultType]::ParameterName, 'Bearer token (service account token, OAuth2 access token, JWT)')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'PEM file with the CA that signed the cluster''s certificate (trusted in addition to the system store)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each request, connecting and reading the whole answer included (e.g. 30s, 2m)')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Bound on the whole run (e.g. 5m): no request starts after it and one under way is cut off; the command then says what it did and what it left undone')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Serve HTTPS with a self-signed certificate generated at start')
            [CompletionResult]::new('--frozen-clock', '--frozen-clock', [CompletionResultType]::ParameterName, 'Freeze the virtual clock: it moves only on POST /_sandbox/clock/_advance or _set (for deterministic tests). By default it follows the wall clock')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the cluster''s TLS certificate. Dangerous: for a one-off diagnosis only')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a fresh in-process sandbox cluster instead of a real one')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'esops;completions' {
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this context of the config file (default: ESOPS_CONTEXT, then `current_context`)')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Cluster URL, e.g. https://es.example.com:9200')
            [CompletionResult]::new('--cloud-id', '--cloud-id', [CompletionResultType]::ParameterName, 'Elastic Cloud ID (instead of --url)')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key: the encoded form, or ID:KEY. Prefer ESOPS_API_KEY: flags show up in `ps`')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User for basic authentication')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'Password for basic authentication. Prefer ESOPS_PASSWORD: flags show up in `ps`')
            [CompletionResult]::new('--bearer-token', '--bearer-token', [CompletionResultType]::ParameterName, 'Bearer token (service account token, OAuth2 access token, JWT)')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'PEM file with the CA that signed the cluster''s certificate (trusted in addition to the system store)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each request, connecting and reading the whole answer included (e.g. 30s, 2m)')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Bound on the whole run (e.g. 5m): no request starts after it and one under way is cut off; the command then says what it did and what it left undone')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the cluster''s TLS certificate. Dangerous: for a one-off diagnosis only')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a fresh in-process sandbox cluster instead of a real one')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'esops;man' {
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this context of the config file (default: ESOPS_CONTEXT, then `current_context`)')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Cluster URL, e.g. https://es.example.com:9200')
            [CompletionResult]::new('--cloud-id', '--cloud-id', [CompletionResultType]::ParameterName, 'Elastic Cloud ID (instead of --url)')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key: the encoded form, or ID:KEY. Prefer ESOPS_API_KEY: flags show up in `ps`')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User for basic authentication')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'Password for basic authentication. Prefer ESOPS_PASSWORD: flags show up in `ps`')
            [CompletionResult]::new('--bearer-token', '--bearer-token', [CompletionResultType]::ParameterName, 'Bearer token (service account token, OAuth2 access token, JWT)')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'PEM file with the CA that signed the cluster''s certificate (trusted in addition to the system store)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each request, connecting and reading the whole answer included (e.g. 30s, 2m)')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Bound on the whole run (e.g. 5m): no request starts after it and one under way is cut off; the command then says what it did and what it left undone')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the cluster''s TLS certificate. Dangerous: for a one-off diagnosis only')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a fresh in-process sandbox cluster instead of a real one')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr: -v logs each request, -vv adds bodies (secrets redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'esops;help' {
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'Cluster name, version, distribution, health, ILM status and disk per node')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'Disk use per index family, growth, flood stage forecast, ILM health, retention and shard findings')
            [CompletionResult]::new('context', 'context', [CompletionResultType]::ParameterValue, 'Named clusters in the config file (kubectl-style contexts)')
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check a config tree offline: YAML, schema, ILM rules, references, template overlaps')
            [CompletionResult]::new('render', 'render', [CompletionResultType]::ParameterValue, 'Print the exact requests (method, path, JSON body) a config tree stands for, shorthand expanded')
            [CompletionResult]::new('plan', 'plan', [CompletionResultType]::ParameterValue, 'Compare the declared tree with the cluster: what apply would change, and what that does to existing indices')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Carry out the plan in dependency order (asks on a terminal; needs --yes otherwise)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write the cluster''s policies, templates and pipelines as an esops tree (adopting a cluster)')
            [CompletionResult]::new('pipeline', 'pipeline', [CompletionResultType]::ParameterValue, 'Ingest pipelines: test them against expected (golden) results')
            [CompletionResult]::new('retention', 'retention', [CompletionResultType]::ParameterValue, 'Indices past their retention: dry run by default, `--execute` deletes them')
            [CompletionResult]::new('rollover', 'rollover', [CompletionResultType]::ParameterValue, 'Evaluate rollover conditions with Elasticsearch''s own dry run; `--execute` rolls over what is due')
            [CompletionResult]::new('ilm', 'ilm', [CompletionResultType]::ParameterValue, 'ILM state per index, errors first (`explain`); retry failed steps (`retry`)')
            [CompletionResult]::new('sandbox', 'sandbox', [CompletionResultType]::ParameterValue, 'Serve the built-in emulated Elasticsearch cluster on loopback (try esops without a cluster)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page (roff)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'esops;help;info' {
            break
        }
        'esops;help;audit' {
            break
        }
        'esops;help;context' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the contexts of the config file; the current one is marked with `*`')
            [CompletionResult]::new('use', 'use', [CompletionResultType]::ParameterValue, 'Make NAME the current context (rewrites `current_context` in the config file)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show every resolved connection setting and where it came from (secrets redacted)')
            break
        }
        'esops;help;context;list' {
            break
        }
        'esops;help;context;use' {
            break
        }
        'esops;help;context;show' {
            break
        }
        'esops;help;validate' {
            break
        }
        'esops;help;render' {
            break
        }
        'esops;help;plan' {
            break
        }
        'esops;help;apply' {
            break
        }
        'esops;help;export' {
            break
        }
        'esops;help;pipeline' {
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Run each pipeline''s test documents through `_simulate` and compare the results with the expected files')
            break
        }
        'esops;help;pipeline;test' {
            break
        }
        'esops;help;retention' {
            break
        }
        'esops;help;rollover' {
            break
        }
        'esops;help;ilm' {
            [CompletionResult]::new('explain', 'explain', [CompletionResultType]::ParameterValue, 'Where ILM stands with each index: errors first, with the step that failed and why')
            [CompletionResult]::new('retry', 'retry', [CompletionResultType]::ParameterValue, 'Retry the failed ILM step of the given indices that are in the ERROR step (others are left alone)')
            break
        }
        'esops;help;ilm;explain' {
            break
        }
        'esops;help;ilm;retry' {
            break
        }
        'esops;help;sandbox' {
            break
        }
        'esops;help;completions' {
            break
        }
        'esops;help;man' {
            break
        }
        'esops;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
