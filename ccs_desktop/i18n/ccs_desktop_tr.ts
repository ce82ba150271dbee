<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="tr_TR">
<context>
    <name>AgentService</name>
    <message>
        <source>Login failed ({error}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calling {number}…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>The softphone is not reloaded during a call; it will be after the call.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>demo (built-in simulator)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hang up before logging out: logging out would drop the call.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log in first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The clipboard holds no phone number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contacts (*.csv *.vcf *.vcard *.txt);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV (*.csv);;vCard (*.vcf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some rows were skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line {line}: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write {path}: {reason}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln contact(s) to {path}.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Session age</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{hours:.1f} h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Microphone permission</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Softphone loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memory in use (app + web engine)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{mib:.0f} MiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API reachable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not logged in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>app_token valid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes, {ms:.0f} ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>granted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>denied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not asked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The softphone stopped during a call. The call may still be up on CCS: use Hang up to end it; the softphone comes back after.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown request {action}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ccs-desktop is running but not logged in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The same number was dialed less than 2 s ago; not dialed twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an unknown number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calling {who}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call this number?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call {who} at {number}?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A call is in progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are on a call. Quitting now would leave the call hanging on Call Center Studio.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hang up and quit, or stay on the call?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hang up and quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stay on the call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not hang up, so ccs-desktop stays open: {error}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <source>&apos;YYYY-MM-DD HH:MM:SS&apos; in the tenant&apos;s time (YYYY-MM-DD alone means the whole day)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not logged in: run `ccs-desktop login` (or set CCS_TENANT, CCS_EMAIL and CCS_APP_TOKEN).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No app_token for {email} on {host}: run `ccs-desktop login`.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tenant (name, host or URL): </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give --tenant and --email (or CCS_TENANT and CCS_EMAIL).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>app_token (hidden): </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No app_token: set CCS_APP_TOKEN or run `ccs-desktop login` in a terminal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logged in to {host} as {email}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not logged in; nothing to remove.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logged out {email} from {host}: app_token and session removed from the keyring.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing stored for {email} on {host}; already logged out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{text} is not a date: use {form}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give --from and --to (or --call-id).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--from is after --to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Fetched %Ln call record(s)…</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Fetched %Ln call record(s) in {seconds:.1f} s;</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln shown.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>No call records.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dir</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Talk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>answered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>missed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No such file: {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read {path}: {reason}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file}, line {line}: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No such folder: {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write {path}: {reason}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln contact(s) to {path}.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>No contacts found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must not be negative: {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Desktop companion for Call Center Studio agents. Without a command, opens the agent window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>log details to stderr (secrets masked)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>open the window on a built-in CCS simulator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>with --demo: start, measure, print JSON, exit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>log in: app_token from CCS_APP_TOKEN or a hidden prompt, kept in the keyring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tenant name (acme), host (acme.alo-tech.com) or URL; or CCS_TENANT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the agent&apos;s CCS e-mail; or CCS_EMAIL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>remove the app_token and the session from the keyring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>place a call (click2call) and print its call id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>phone number in any common format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>how CCS receives the number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>print {call_id, number, transaction_id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hang up the current call (click2hang)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>put the current call on hold (click2hold)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>resume the call on hold (click2unhold)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>list call records (reportsCDRLogs), all pages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only calls with this number, in any format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>one call by its id (other filters ignored)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only this agent&apos;s calls (agent_username)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only this queue&apos;s calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>by call date (default: newest first)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the local contact list: import, export, find</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>import a CSV (English/Turkish headers) or vCard file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>export to CSV, or vCard for .vcf/.vcard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>search by name, company or number (any format)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>print a JSON array of contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>run the CCS-compatible simulator (prints its credentials as JSON)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>0 = any free port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>seeded call records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ring the demo agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>random seed of the generated data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>enable the /_sim/ fault and state endpoints</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>internal error; details were written to {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--smoke needs --demo</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ContactDialog</name>
    <message>
        <source>Edit contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mobile: 0532 123 45 67
work: +90 212 555 12 34</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Favourite (listed first)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Numbers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a phone number: {lines}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give at least a name or a number.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ContactsPanel</name>
    <message>
        <source>Search name, company or number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double-click a number to call it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Favourite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Numbers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No contacts yet: add one, or import a CSV/vCard (`ccs-desktop contacts import`).</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n found for “{query}”</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln contact(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>No calls with this contact in the loaded records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete {name}?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Core</name>
    <message>
        <source>No app_token: run `ccs-desktop login` or set CCS_APP_TOKEN.</source>
        <extracomment>Called (from whatever thread logged in) with each new session: the softphone page must follow it.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CCS keeps refusing the session for {email} ({reason}); log in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CCS keeps refusing the credentials for {email} ({reason}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CCS did not confirm the call to {number} in time. It may be ringing; it was not repeated (transaction {transaction}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{error} The call to {number} may have been placed; it was not repeated (transaction {transaction}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sorting must be asc or desc, not {value}.</source>
        <extracomment>Functions that change nothing on CCS, so a lost answer may be asked for again once. Words CCS uses when it refuses a token; such refusals are authentication failures, not API errors.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call records need a start and a finish date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The start date is after the finish date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{host} accepted the login but sent no session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{host} sent call records in an unexpected shape.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot reach {host}: no connection within {seconds:g} s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{host} did not answer within {seconds:g} s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot reach {host}: {reason}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{host} answered with HTTP {status} (a server error).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{host} answered with HTTP {status} (an unexpected status).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{host} sent an answer that is not valid JSON.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{host} sent an answer in an unexpected shape.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Login refused by {host}: {reason}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{host} rejected the app_token: {reason}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the host name was not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connection refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its certificate could not be verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the secure connection failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the connection was lost before it answered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the network is unreachable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the connection failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>incoming</source>
        <extracomment>The documented reportsCDRLogs fields, in the order exports show them; unknown fields follow.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>outgoing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last call {date}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>answered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>missed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No tenant given: use a tenant name (acme), a host (acme.alo-tech.com) or a URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tenant URL must start with https:// or http:// and name a host: {url}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tenant URL must not carry a query, a fragment or a password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tenant URL has an invalid port: {url}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{text} is not a tenant name, host or URL (examples: acme, acme.alo-tech.com, https://acme.example).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{added} added, {merged} merged, {skipped} skipped.</source>
        <extracomment>Biggest file we read whole; a contacts export of 100,000 rows is about 10 MB.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} is too big to import ({size} MB).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} is a folder, not a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read {path}: {reason}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first line has no name or phone column (for example: Ad Soyad;Telefon).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line {line} cannot be read as CSV: {error}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected {expected} columns, found {found}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no name and no phone number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write {path}: {reason}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} has no vCard in it (no BEGIN:VCARD line).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the card has no END:VCARD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the contacts file {path}: {error}.</source>
        <extracomment>Schema migrations in order; `user_version` is how many have run. Append, never edit or reorder once released. A later version adds e.g. `_v2` creating a call-notes table with `contact_id REFERENCES contacts(id)`.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} is not a usable contacts file: {error}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} was written by a newer ccs-desktop (schema {version}, this one knows {known}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid phone number {number}: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This contact has not been saved yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no contact with id {id}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another contact already has the external id {id}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system keyring is not available ({error}). ccs-desktop keeps the app_token only there: unlock or install a keyring (GNOME Keyring, KWallet, ...), or set PYTHON_KEYRING_BACKEND.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CCS refused {function}: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CCS refused the request: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The running ccs-desktop did not answer in time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The running ccs-desktop closed the connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The running ccs-desktop sent an unreadable answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{region} is not a known region code (examples: TR, DE, GB, US).</source>
        <extracomment>Clipboard and free text are scanned only this far: a pasted e-mail thread must not stall anything.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No phone number given.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{number} is too long to be a phone number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{number} is not a phone number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{number} is not a valid phone number for {region}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The outside-line prefix may hold only digits, * and # (at most 8), not {value}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dial format must be one of {choices}, not {value}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Setting {name} must be a {kind}, not {value}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Setting {name} must be one of {choices}, not {value}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Setting {name} must be at least {minimum:g}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the settings file {path}: {reason}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The settings file {path} is damaged ({error}); fix or delete it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no setting called {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The softphone URL template has an unbalanced { or }.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown placeholder {{{name}}} in the softphone URL template (known: {known}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The softphone URL template needs {session}: it is how the agent is logged in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The softphone URL template must start with https:// (or {base}).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DiagnosticsDialog</name>
    <message>
        <source>ccs-desktop diagnostics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API reachable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>checking…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InstanceServer</name>
    <message>
        <source>unreadable request</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Log in to Call Center Studio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>acme, acme.alo-tech.com or https://…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>you@company.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from Administrator › Applications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tenant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>app_token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Softphone build</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the e-mail you log in to CCS with.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste the app_token your CCS administrator created.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection works: the app_token and the e-mail were accepted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unexpected error ({error}).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Logged out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In a call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot take calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number to call (any format)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hang up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import contacts…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export contacts…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Diagnostics…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reload softphone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log &amp;out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tenant: {tenant}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent: {agent}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session: {hours} h {minutes:02d} min</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessageBus</name>
    <message>
        <source>Something went wrong ({error}); details are in the log.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NumberPopup</name>
    <message>
        <source>Call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No calls with this number yet</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>ccs-desktop settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Takes effect when ccs-desktop starts again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask before calling tel:/callto:/sip: links from other apps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Look up phone numbers I copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receive CCS incoming-call notifications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start minimized to the tray</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start when I log in to this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language (after a restart)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dial format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outside-line prefix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As dialed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Softphone URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Softphone build</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SoftphonePage</name>
    <message>
        <source>the softphone page stopped unexpectedly (exit code {code})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the softphone page crashed (exit code {code})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the softphone page was killed (out of memory, or by another program)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the softphone page stopped ({status}, exit code {code})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the softphone page was discarded</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Supervisor</name>
    <message>
        <source>logging in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the session was renewed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the softphone page did not load</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>session rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the softphone asked for a login ({reason})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the softphone stopped ({reason})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the network came back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the network is down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{reason}; reconnecting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loading the softphone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>login failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the computer woke from sleep</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <source>logged out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ready for calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in a call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot take calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call number from clipboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause clipboard lookup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>argparse</name>
    <message>
        <source>usage: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>positional arguments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>options</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>show this help message and exit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>show program&apos;s version number and exit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%(prog)s: error: %(message)s
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the following arguments are required: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unrecognized arguments: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid choice: %(value)r (choose from %(choices)s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>argument %(argument_name)s: %(message)s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected one argument</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid %(type)s value: %(value)r</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
