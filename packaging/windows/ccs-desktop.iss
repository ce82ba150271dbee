; Inno Setup 6 script for ccs-desktop on Windows: a per-user install (no administrator rights) of the
; one-folder PyInstaller bundle. Build on Windows:
;   python -m PyInstaller --noconfirm packaging\ccs-desktop.spec
;   iscc packaging\windows\ccs-desktop.iss            (or iscc /DAppVersion=x.y.z ...)
; AppId, AppName, AppVersion and RunValue must agree with ccs_desktop/__init__.py and
; ccs_desktop/core/autostart.py: tests/test_packaging.py checks them.

#define AppId "io.github.ccs_desktop.CcsDesktop"
#define AppName "CCS Desktop"
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppExe "ccs-desktop.exe"
; The HKCU Run value that the app's own "Start when I log in" setting writes and removes.
#define RunValue "ccs-desktop"
#define RunKey "Software\Microsoft\Windows\CurrentVersion\Run"
#define ProgId AppId + ".PhoneLink"

[Setup]
AppId={#AppId}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=ccs-desktop
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Per user: everything below lives in HKCU and the user's own Programs folder.
PrivilegesRequired=lowest
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
SourceDir=..\..
OutputDir=dist
OutputBaseFilename=ccs-desktop-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
; The app keeps running in the tray: let the Restart Manager close it before files are replaced.
CloseApplications=yes
RestartApplications=no

[Tasks]
Name: "phonelinks"; Description: "Open tel: and callto: links with {#AppName}"
Name: "autostart"; Description: "Start {#AppName} in the tray when I log in"; Flags: unchecked
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "dist\ccs-desktop\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"; AppUserModelID: "{#AppId}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; --- start at login: the same value the app's settings write (with --minimized: straight to the tray) ---
; (removed on uninstall by [Code] below, whether the installer or the app's settings wrote it)
Root: HKCU; Subkey: "{#RunKey}"; ValueType: string; ValueName: "{#RunValue}"; ValueData: """{app}\{#AppExe}"" --minimized"; Flags: uninsdeletevalue; Tasks: autostart

; --- phone links: a ProgID and the capabilities that list ccs-desktop in Settings > Default apps ---
Root: HKCU; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "{#AppName} phone link"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: "URL Protocol"; ValueData: ""
Root: HKCU; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"",0"
Root: HKCU; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKCU; Subkey: "Software\{#AppId}"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\{#AppId}\Capabilities"; ValueType: string; ValueName: "ApplicationName"; ValueData: "{#AppName}"
Root: HKCU; Subkey: "Software\{#AppId}\Capabilities"; ValueType: string; ValueName: "ApplicationDescription"; ValueData: "Call Center Studio softphone and click-to-call"
Root: HKCU; Subkey: "Software\{#AppId}\Capabilities\URLAssociations"; ValueType: string; ValueName: "tel"; ValueData: "{#ProgId}"
Root: HKCU; Subkey: "Software\{#AppId}\Capabilities\URLAssociations"; ValueType: string; ValueName: "callto"; ValueData: "{#ProgId}"
Root: HKCU; Subkey: "Software\{#AppId}\Capabilities\URLAssociations"; ValueType: string; ValueName: "sip"; ValueData: "{#ProgId}"
Root: HKCU; Subkey: "Software\RegisteredApplications"; ValueType: string; ValueName: "{#AppName}"; ValueData: "Software\{#AppId}\Capabilities"; Flags: uninsdeletevalue

; --- the phonelinks task: the tel: and callto: URL protocols themselves, for this user ---
; (sip: is only offered through the capabilities above: a dedicated SIP client usually owns it.)
Root: HKCU; Subkey: "Software\Classes\tel"; ValueType: string; ValueName: ""; ValueData: "URL:Telephone link"; Flags: uninsdeletekey; Tasks: phonelinks
Root: HKCU; Subkey: "Software\Classes\tel"; ValueType: string; ValueName: "URL Protocol"; ValueData: ""; Tasks: phonelinks
Root: HKCU; Subkey: "Software\Classes\tel\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"",0"; Tasks: phonelinks
Root: HKCU; Subkey: "Software\Classes\tel\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""; Tasks: phonelinks
Root: HKCU; Subkey: "Software\Classes\callto"; ValueType: string; ValueName: ""; ValueData: "URL:Callto link"; Flags: uninsdeletekey; Tasks: phonelinks
Root: HKCU; Subkey: "Software\Classes\callto"; ValueType: string; ValueName: "URL Protocol"; ValueData: ""; Tasks: phonelinks
Root: HKCU; Subkey: "Software\Classes\callto\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"",0"; Tasks: phonelinks
Root: HKCU; Subkey: "Software\Classes\callto\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""; Tasks: phonelinks

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
// The app's own autostart setting may have written the Run value without the installer's task: remove it
// too, so an uninstalled app never starts at login.
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if CurUninstallStep = usPostUninstall then
    RegDeleteValue(HKEY_CURRENT_USER, '{#RunKey}', '{#RunValue}');
end;
