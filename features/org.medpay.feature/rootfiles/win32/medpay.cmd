@echo off
rem Starts MedPay Workstation on Windows without the native launcher (not on Maven Central).
rem Chinese by default; "medpay.cmd -nl en" for English.
setlocal EnableDelayedExpansion
set "HERE=%~dp0"
set "JAVA="
if defined JAVA_HOME if exist "%JAVA_HOME%\bin\javaw.exe" set "JAVA=%JAVA_HOME%\bin\javaw.exe"
if not defined JAVA if exist "%HERE%jre\bin\javaw.exe" set "JAVA=%HERE%jre\bin\javaw.exe"
if not defined JAVA for /d %%d in ("%ProgramFiles%\Eclipse Adoptium\jdk-2*" "%ProgramFiles%\Java\jdk-2*" "%ProgramFiles%\Microsoft\jdk-2*") do if exist "%%d\bin\javaw.exe" set "JAVA=%%d\bin\javaw.exe"
if not defined JAVA (
  echo MedPay needs Java 21 or newer. Install Temurin 21+ or set JAVA_HOME. 1>&2
  exit /b 3
)
set "NL=-nl zh_CN"
echo %* | findstr /C:"-nl" >nul && set "NL="
for %%l in ("%HERE%plugins\org.eclipse.equinox.launcher_*.jar") do set "LAUNCHER=%%~fl"
rem "-update <repository> [-installFeature <id>] [-check]": IT's headless p2 update (docs\updates.md), run
rem in this console with java.exe so that scripts get its exit code.
rem equinox.app swallows "-update" (an old Update Manager option): the application reads "-updateFrom".
set "ARGS=%*"
rem -Xmx768m as in medpay.sh (see the reason there): a 200,000-drug re-import holds two catalogues at once.
echo %* | findstr /C:"-update" >nul && (
  "%JAVA:javaw.exe=java.exe%" -Xms64m -Xmx768m -Dosgi.requiredJavaVersion=21 -Dfile.encoding=UTF-8 -jar "%LAUNCHER%" -install "%HERE%." -configuration "%HERE%configuration" %NL% -application org.medpay.update.headless -noSplash -consoleLog !ARGS:-update=-updateFrom!
  exit /b !ERRORLEVEL!
)
start "" "%JAVA%" -Xms64m -Xmx768m -Dosgi.requiredJavaVersion=21 -Dfile.encoding=UTF-8 -jar "%LAUNCHER%" -install "%HERE%." -configuration "%HERE%configuration" %NL% %*
