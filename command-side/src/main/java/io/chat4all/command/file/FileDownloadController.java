package io.chat4all.command.file;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.chat4all.command.file.FileLookups.UploadRow;
import io.chat4all.events.HubError;
import io.chat4all.events.HubException;
import io.chat4all.events.file.FileStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** A completed file's download: a presigned GET URL of the object store, as a redirect or as JSON. */
@RestController
@Tag(name = "Files")
@SecurityRequirement(name = "bearer")
class FileDownloadController {

    private final UploadAccess access;
    private final PresignedUrls urls;
    private final FileSettings settings;

    FileDownloadController(UploadAccess access, PresignedUrls urls, FileSettings settings) {
        this.access = access;
        this.urls = urls;
        this.settings = settings;
    }

    @GetMapping("/v1/files/{file_id}/download")
    @Operation(summary = "Download a file", description = """
                    302 to a short-lived presigned GET URL of the completed file (Location header; follow it without the \
                    token). With `Accept: application/json` the answer is 200 with that URL and its expiry instead, for \
                    clients that cannot read a redirect's target (a browser's fetch). Allowed for the uploader and for \
                    members of any conversation where a message carries the file (403 for others); 409 UPLOAD_INCOMPLETE \
                    while the upload is not completed.""")
    @ApiResponse(
            responseCode = "302",
            description = "Redirect to the file in object storage",
            headers =
                    @Header(
                            name = HttpHeaders.LOCATION,
                            description = "The presigned GET URL, valid for a few minutes",
                            schema =
                                    @Schema(
                                            type = "string",
                                            format = "uri",
                                            example =
                                                    "http://localhost:9000/chat4all-files/files/0b8e2f4a-6c1d-4e3f-8a9b-1c2d3e4f5a6b?X-Amz-...")))
    @ApiResponse(
            responseCode = "200",
            description = "With Accept: application/json: the presigned URL",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema = @Schema(implementation = FileViews.Download.class),
                            examples = @ExampleObject("""
                    {"download_url": "http://localhost:9000/chat4all-files/files/0b8e2f4a-6c1d-4e3f-8a9b-1c2d3e4f5a6b?X-Amz-...",
                     "expires_at": "2026-11-24T10:36:00Z"}""")))
    @ApiResponse(responseCode = "403", description = UploadAccess.NOT_ALLOWED_TO_SEE)
    @ApiResponse(responseCode = "404", description = "FILE_NOT_FOUND")
    @ApiResponse(responseCode = "409", description = "UPLOAD_INCOMPLETE: the upload is not completed")
    ResponseEntity<FileViews.Download> download(
            @PathVariable("file_id") @Pattern(regexp = FileRequests.UUID_TEXT, message = FileRequests.NOT_A_UUID)
                    String fileId,
            @Parameter(hidden = true) @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
            @AuthenticationPrincipal Jwt caller) {
        UploadRow upload = access.visibleUpload(fileId, caller.getSubject());
        if (upload.status() != FileStatus.COMPLETED) {
            throw new HubException(HubError.UPLOAD_INCOMPLETE, "The file is " + upload.status() + ", not completed");
        }
        // Taken before presigning, so the URL is good at least until the expires_at the client is told.
        Instant expiresAt = Instant.now().plus(settings.downloadUrlTtl()).truncatedTo(ChronoUnit.SECONDS);
        String url = urls.downloadUrl(upload);
        if (asksForJson(accept)) {
            return ResponseEntity.ok()
                    .cacheControl(CacheControl.noStore())
                    .body(new FileViews.Download(url, expiresAt));
        }
        return ResponseEntity.status(HttpStatus.FOUND)
                .location(URI.create(url))
                .cacheControl(CacheControl.noStore())
                .build();
    }

    /** Only an explicit application/json asks for the JSON form: a browser's or curl's wildcard still gets the redirect. */
    private static boolean asksForJson(String accept) {
        if (accept == null) {
            return false;
        }
        try {
            return MediaType.parseMediaTypes(accept).stream()
                    .anyMatch(type -> type.getQualityValue() > 0
                            && "application".equals(type.getType())
                            && "json".equals(type.getSubtype()));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }
}
