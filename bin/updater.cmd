@echo off
rem Runs the updater from the build output (mvnw.cmd -q -DskipTests package), from any working directory.
setlocal
set "ROOT=%~dp0.."
set "JAR=%ROOT%\updater\target\updater.jar"
if not exist "%JAR%" (
  echo updater: %JAR% not found; build first: mvnw.cmd -q -DskipTests package 1>&2
  exit /b 87
)
if defined JAVA_HOME (set "JAVA=%JAVA_HOME%\bin\java.exe") else (set "JAVA=java")
rem The build's class-data-sharing archive, used only when its size is the one the build wrote next to it
rem (as bin/updater does; docs/performance.md, "CLI start-up"; not yet verified on Windows, docs/windows.md).
set "JSA=%ROOT%\updater\target\updater.jsa"
set "CDS="
set "JSASIZE="
set "JSAHAS="
if not exist "%JSA%" goto nocds
if not exist "%JSA%.size" goto nocds
for /f "usebackq" %%S in ("%JSA%.size") do set "JSASIZE=%%S"
for %%A in ("%JSA%") do set "JSAHAS=%%~zA"
if not "%JSASIZE%"=="%JSAHAS%" goto nocds
set CDS="-XX:SharedArchiveFile=%JSA%" -XX:+VerifySharedSpaces -Xlog:cds=off -Xlog:cds+dynamic=off
:nocds
rem Short read-only commands end long before the optimising compiler (C2) pays off: C1 alone starts faster.
set "JIT="
for %%C in (status holders history -V --version -h --help help) do if "%~1"=="%%C" set "JIT=-XX:TieredStopAtLevel=1"
"%JAVA%" %CDS% %JIT% %RMKIT_JAVA_OPTS% -jar "%JAR%" %*
exit /b %ERRORLEVEL%
