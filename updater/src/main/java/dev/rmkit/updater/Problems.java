package dev.rmkit.updater;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import javax.net.ssl.SSLException;

/**
 * What went wrong, in words a person reads on one line: the cause without the exception's class
 * name, without a parser's source excerpt, without a second line. Used wherever a low-level failure
 * becomes part of an updater message.
 */
public final class Problems {

    private Problems() {}

    /** One line describing {@code t}. */
    public static String describe(Throwable t) {
        if (t instanceof JsonProcessingException j) {
            JsonLocation at = j.getLocation();
            String where = at == null || at.getLineNr() < 0 ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            if (j instanceof UnrecognizedPropertyException u) {
                return "unknown field '" + u.getPropertyName() + "'" + where + " (written by a newer updater?)";
            }
            if (j instanceof MismatchedInputException) {
                return "unexpected content" + where;
            }
            return "not valid JSON" + where;
        }
        String m = oneLine(t.getMessage());
        if (t instanceof ConnectException) {
            return "connection refused";
        }
        if (t instanceof HttpConnectTimeoutException) {
            return "connection timed out";
        }
        if (t instanceof HttpTimeoutException || t instanceof SocketTimeoutException) {
            return "timed out";
        }
        if (t instanceof UnknownHostException) {
            return "unknown host" + (m.isEmpty() ? "" : " " + m);
        }
        if (t instanceof NoRouteToHostException) {
            return "no route to host";
        }
        if (t instanceof SSLException) {
            return "TLS failed" + (m.isEmpty() ? "" : ": " + m);
        }
        if (t instanceof FileSystemException f) {
            return fileProblem(f);
        }
        if (m.isEmpty() && t.getCause() != null && t.getCause() != t) {
            return describe(t.getCause());
        }
        return m.isEmpty() ? "an unexpected " + t.getClass().getSimpleName().replaceAll("(Exception|Error)$", "")
                .replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT) : m;
    }

    private static String fileProblem(FileSystemException f) {
        String file = f.getFile() == null ? "" : f.getFile();
        String reason = f.getReason() == null ? "" : f.getReason();
        if (f instanceof NoSuchFileException) {
            reason = "no such file or directory";
        } else if (f instanceof AccessDeniedException) {
            reason = "permission denied";
        } else if (f instanceof FileAlreadyExistsException) {
            reason = "already exists";
        } else if (f instanceof NotDirectoryException) {
            reason = "not a directory";
        } else if (f instanceof DirectoryNotEmptyException) {
            reason = "directory not empty";
        }
        String other = f.getOtherFile() == null ? "" : " -> " + f.getOtherFile();
        return (file + other + (reason.isEmpty() ? "" : ": " + oneLine(reason))).strip();
    }

    /** {@code s} on one line: line breaks and the blanks around them become one space. */
    public static String oneLine(String s) {
        return s == null ? "" : s.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }

    /** The first line of {@code s}, stripped. */
    public static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }
}
