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
"%JAVA%" %RMKIT_JAVA_OPTS% -jar "%JAR%" %*
exit /b %ERRORLEVEL%
