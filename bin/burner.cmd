@echo off
rem Runs the burner from the build output (mvnw.cmd -q -DskipTests package), from any working directory.
setlocal
set "ROOT=%~dp0.."
set "JAR=%ROOT%\burner-app\target\burner.jar"
if not exist "%JAR%" (
  echo burner: %JAR% not found; build first: mvnw.cmd -q -DskipTests package 1>&2
  exit /b 2
)
if defined JAVA_HOME (set "JAVA=%JAVA_HOME%\bin\java.exe") else (set "JAVA=java")
"%JAVA%" %RMKIT_JAVA_OPTS% -jar "%JAR%" %*
exit /b %ERRORLEVEL%
