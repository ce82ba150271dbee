<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>CallHistory</name>
    <message numerus="yes">
        <source>%Ln call(s)</source>
        <translation>
            <numerusform>%Ln call</numerusform>
            <numerusform>%Ln calls</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln of {total} call(s)</source>
        <translation>
            <numerusform>%Ln of {total} calls</numerusform>
            <numerusform>%Ln of {total} calls</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CallsPanel</name>
    <message numerus="yes">
        <source>Missed, not returned (%n)</source>
        <translation>
            <numerusform>Missed, not returned (%n)</numerusform>
            <numerusform>Missed, not returned (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln of {total} call(s) match</source>
        <translation>
            <numerusform>%Ln of {total} calls matches</numerusform>
            <numerusform>%Ln of {total} calls match</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message numerus="yes">
        <source>Fetched %Ln call record(s)…</source>
        <translation>
            <numerusform>Fetched %Ln call record…</numerusform>
            <numerusform>Fetched %Ln call records…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Fetched %Ln call record(s) in {seconds:.1f} s;</source>
        <translation>
            <numerusform>Fetched %Ln call record in {seconds:.1f} s;</numerusform>
            <numerusform>Fetched %Ln call records in {seconds:.1f} s;</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln shown.</source>
        <translation>
            <numerusform>%Ln shown.</numerusform>
            <numerusform>%Ln shown.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln contact(s) to {path}.</source>
        <translation>
            <numerusform>Exported %Ln contact to {path}.</numerusform>
            <numerusform>Exported %Ln contacts to {path}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln entry(s)</source>
        <translation>
            <numerusform>%Ln entry</numerusform>
            <numerusform>%Ln entries</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(the last good copy of %Ln entry(s) is kept)</source>
        <translation>
            <numerusform>(the last good copy of %Ln entry is kept)</numerusform>
            <numerusform>(the last good copy of %Ln entries is kept)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ContactsController</name>
    <message numerus="yes">
        <source>Exported %Ln contact(s) to {path}.</source>
        <translation>
            <numerusform>Exported %Ln contact to {path}.</numerusform>
            <numerusform>Exported %Ln contacts to {path}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln call(s) to {path}.</source>
        <translation>
            <numerusform>Exported %Ln call to {path}.</numerusform>
            <numerusform>Exported %Ln calls to {path}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ContactsPanel</name>
    <message numerus="yes">
        <source>%n found for “{query}”</source>
        <translation>
            <numerusform>%n found for “{query}”</numerusform>
            <numerusform>%n found for “{query}”</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln contact(s)</source>
        <translation>
            <numerusform>%Ln contact</numerusform>
            <numerusform>%Ln contacts</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Core</name>
    <message numerus="yes">
        <source>%Ln number(s) left out.</source>
        <translation>
            <numerusform>%Ln number left out.</numerusform>
            <numerusform>%Ln numbers left out.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The directory file answered with %Ln entry(s).</source>
        <translation>
            <numerusform>The directory file answered with %Ln entry.</numerusform>
            <numerusform>The directory file answered with %Ln entries.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HourChart</name>
    <message numerus="yes">
        <source>%n call(s)</source>
        <translation>
            <numerusform>%n call</numerusform>
            <numerusform>%n calls</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MyDayView</name>
    <message numerus="yes">
        <source>%n outgoing not answered</source>
        <translation>
            <numerusform>%n outgoing not answered</numerusform>
            <numerusform>%n outgoing not answered</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>over %n answered incoming call(s)</source>
        <translation>
            <numerusform>over %n answered incoming call</numerusform>
            <numerusform>over %n answered incoming calls</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n pause(s)</source>
        <translation>
            <numerusform>%n pause</numerusform>
            <numerusform>%n pauses</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{saved} {marker} CCS counts differently in %n figure(s): see the marked ones.</source>
        <translation>
            <numerusform>{saved} {marker} CCS counts differently in %n figure: see the marked one.</numerusform>
            <numerusform>{saved} {marker} CCS counts differently in %n figures: see the marked ones.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message numerus="yes">
        <source>%n missed call(s) not returned</source>
        <translation>
            <numerusform>%n missed call not returned</numerusform>
            <numerusform>%n missed calls not returned</numerusform>
        </translation>
    </message>
</context>
</TS>
