; Inno Setup 6 script of WRAC Desktop for Windows: a per-user install, no admin rights, of the
; one-folder bundle that installer/wrac.spec builds into dist\wrac\ (the same spec as Linux).
;
;   iscc /DAppVersion=%VERSION% installer\wrac.iss     -> dist\WRAC-Desktop-VERSION-setup.exe
;
; .github/workflows/windows.yml passes the version printed by installer/version.py, i.e. the
; one in pyproject.toml. Without /DAppVersion it is read back from wrac.exe's version resource,
; which the spec also writes from pyproject.toml: no version is spelled out here.

#define AppName "WRAC Desktop"
#define BundleDir AddBackslash(SourcePath) + "..\dist\wrac"
#ifndef AppVersion
  #define AppVersion GetStringFileInfo(BundleDir + "\wrac.exe", "ProductVersion")
#endif
#if AppVersion == ""
  #error No version: build dist\wrac first or pass /DAppVersion=...
#endif
#define GuiExe "wrac-gui.exe"
#define ProgId "WRACDesktop.Register"

[Setup]
; AppId identifies the product to upgrades and to the uninstaller: never change it.
AppId={{6F0B7C52-4A57-4B52-9143-57524143D351}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
; Per user, without administrator rights: {autopf} is %LOCALAPPDATA%\Programs, and the
; registry entries below go to HKEY_CURRENT_USER.
PrivilegesRequired=lowest
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ChangesAssociations=yes
SetupIconFile=..\resources\icons\wrac-desktop.ico
UninstallDisplayIcon={app}\{#GuiExe}
UninstallDisplayName={#AppName} {#AppVersion}
OutputDir=..\dist
OutputBaseFilename=WRAC-Desktop-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; Upgrading over a running copy would leave half-replaced libraries: ask to close it first.
CloseApplications=yes

[Languages]
; Inno Setup ships no Kazakh wizard text; Kazakh-speaking users get the Russian one.
Name: "ru"; MessagesFile: "compiler:Languages\Russian.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
; The whole bundle: both programs (on Windows two executables; the Linux bundle's wrac-gui is a
; link to wrac), _internal\ with Python, Qt, the fonts, icons, translations, the hazard library
; and the migrations. installer/wrac.spec decides what is left out, for both systems alike.
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#GuiExe}"; WorkingDir: "{userdocs}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#GuiExe}"; WorkingDir: "{userdocs}"; Tasks: desktopicon

[Registry]
; The .wrac file type: double-click opens the register in the app, Explorer shows its icon.
; HKA is HKEY_CURRENT_USER for a per-user install; uninstalling removes these keys only.
Root: HKA; Subkey: "Software\Classes\.wrac"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.wrac\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "WRAC risk register"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\_internal\resources\icons\wrac-desktop.ico"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#GuiExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\{#GuiExe}\SupportedTypes"; ValueType: string; ValueName: ".wrac"; ValueData: ""; Flags: uninsdeletekey

; The uninstaller removes only what this installer wrote (the files above, its shortcuts and
; registry keys). Deliberately no [UninstallDelete]: the user's registers (*.wrac, wherever
; they are), their .bak copies and the data folder %LOCALAPPDATA%\WRAC Desktop (demo register,
; settings, log) stay, and so does any file the user saved inside the program folder.

[Run]
Filename: "{app}\{#GuiExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
