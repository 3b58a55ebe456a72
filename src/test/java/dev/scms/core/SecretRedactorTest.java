package dev.scms.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SecretRedactorTest {

    /** 36 letters and digits: the length of the random part of a classic GitHub token. */
    private static final String RANDOM_36 = "0123456789abcdefghijABCDEFGHIJklmnop";
    private static final String JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0."
            + "dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";
    private static final String PEM = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA0Z3VS5JJcds3xfn\n"
            + "kq0JzJ4xq1lRrWp9Ng==\n-----END RSA PRIVATE KEY-----";

    private static String redacted(String text) {
        return SecretRedactor.redact(text).text();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            aws_access_key      | key AKIAIOSFODNN7EXAMPLE here
            aws_access_key      | ASIAY34FZKBOKMUTVV7A
            github_token        | ghp_0123456789abcdefghijABCDEFGHIJklmnop
            github_token        | clone with gho_0123456789abcdefghijABCDEFGHIJklmnop now
            github_token        | ghs_0123456789abcdefghijABCDEFGHIJklmnop
            github_token        | github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJ
            slack_token         | xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOp
            slack_token         | xoxp-1234567890-abcdefghij
            openai_key          | sk-proj-Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56Qr78
            openai_key          | OPENAI=sk-0123456789abcdefghijABCDEFGHIJklmnopqrstuvwxyz
            anthropic_key       | sk-ant-api03-AbCdEf0123456789_ghIjKlMnOpQrStUv-wxyz
            google_api_key      | AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q
            jwt                 | Authorization header was eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl
            password            | password=hunter22
            password            | DB_PASSWORD=s3cr3t-value
            password            | passwd: correcthorse
            password            | pw=hunter4hunter4
            password            | "password": "hunter 22"
            secret              | secret=abcd1234
            secret              | client_secret = 'q8w7e6r5'
            secret              | aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
            token               | token=0a1b2c3d4e5f
            api_key             | api_key=9f8e7d6c5b4a
            api_key             | API-KEY: 12345678abcd
            bearer_token        | Authorization: Bearer abcdef0123456789.xyz
            bearer_token        | curl -H 'authorization: bearer QWERTYUIOP12345678'
            connection_password | postgres://app:Sup3rSecret@db.example.com:5432/shop
            connection_password | mongodb+srv://admin:pa55word@cluster0.example.net/test
            basic_auth          | Authorization: Basic YWxhZGRpbjpvcGVuc2VzYW1l
            basic_auth          | curl -H "authorization: basic dXNlcjpwYXNzd29yZA=="
            stripe_key          | STRIPE_KEY is sk_live_51HxYzAbCdEfGhIjKlMnOpQr
            stripe_key          | sk_test_4eC39HqLyjWDarjtT1zdp7dc
            stripe_key          | rk_live_51HxYzAbCdEfGhIjKlMnOpQr
            stripe_key          | whsec_1234567890abcdefghijABCDEFGHIJ
            npm_token           | //registry.npmjs.org/:_authToken=1f2e3d4c-5b6a-7980-a1b2-c3d4e5f60718
            npm_token           | _auth=dXNlcjpwYXNzd29yZA==
            npm_token           | npm_AbCdEf0123456789AbCdEf0123456789AbCd
            api_key             | curl -H 'x-api-key: 9f8e7d6c5b4a3210'
            azure_key           | DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;EndpointSuffix=core.windows.net
            azure_key           | Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=AbCdEf0123456789AbCdEf0123456789AbCdEf01234=
            gitlab_token        | glpat-AbCdEf0123456789_xyz
            huggingface_token   | HF token hf_AbCdEfGhIjKlMnOpQrStUvWxYz01234567
            sendgrid_key        | SG.AbCdEf0123456789AbCdEf.AbCdEf0123456789AbCdEf0123456789AbCdEf01234
            twilio_key          | SK0123456789abcdef0123456789abcdef
            """)
    void redactsEachKind(String kind, String text) {
        Redaction redaction = SecretRedactor.redact(text);

        assertThat(redaction.text()).contains("[REDACTED:" + kind + "]");
        assertThat(redaction.counts()).containsEntry(kind, 1);
        assertThat(redaction.counts()).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            commit id                 | fixed in 3f786850e387550fdab836ed7e6dc881de23001b on main
            short aws-like word       | AKIA is the prefix of an access key
            lower-case aws-like text  | akiaiosfodnn7example
            github prefix only        | tokens start with ghp_ and gho_
            slack prefix only         | xoxb-short
            short sk word             | sk-learn and task-runner are package names
            sk name without digits    | sk-this-is-a-long-kebab-case-identifier-name
            google prefix only        | AIza is the prefix
            jwt-like header only      | eyJhbGciOiJIUzI1NiJ9 alone
            password without value    | check the password field
            password comparison       | if (password == null) return;
            password not equal        | password != confirmation
            password from a call      | password = request.getParameter("pw");
            password dotted reference | password=self.password
            password keyword argument | connect(password=password)
            password snake variable   | password=user_password
            password type annotation  | def login(password: str) -> bool
            typed field               | private final String token;
            environment reference     | token: ${GITHUB_TOKEN}
            short value               | token=abc
            go declaration            | token := lexer.Next()
            url with port only        | http://localhost:8080/health
            url with user only        | https://user@example.com/repo.git
            bearer without token      | the Authorization: Bearer header
            begin without key         | -----BEGIN CERTIFICATE-----
            private key in prose      | a private key is read from the keystore
            key word in prose         | the token count and the api key field
            uuid                      | request 123e4567-e89b-12d3-a456-426614174000 failed
            short commit id           | reverted 3f78685 and e83c5163316f89bfbde7d9ab23ca2e25604af290
            basic without credentials | the Authorization: Basic scheme
            stripe prefix only        | keys start with sk_live_ or sk_test_
            stripe publishable key    | pk_live_51HxYzAbCdEfGhIjKlMnOpQr
            npm environment reference | //registry.npmjs.org/:_authToken=${NPM_TOKEN}
            npm word in code          | options._authToken is read from .npmrc
            basic auth constant       | BASIC_AUTH=enabled
            hugging face identifier   | hf_hub_download(repo_id=model_name)
            hugging face letters only | hf_transformersmodelloaderconfiguration
            gitlab prefix only        | tokens start with glpat-
            sendgrid prefix only      | SG.example is a placeholder
            sku code                  | SKU 0123456789abcdef is in stock
            account key reference     | AccountKey=${STORAGE_KEY}
            java code reference       | apiKey = config.getApiKey();
            pw from a call            | pw = form.get("pw")
            pw in a word              | npw=12345678 and spw=abcdefgh
            """)
    void keepsOrdinaryText(String description, String text) {
        Redaction redaction = SecretRedactor.redact(text);

        assertThat(redaction.text()).isEqualTo(text);
        assertThat(redaction.counts()).isEmpty();
    }

    @Test
    void connectionStringKeepsUserAndHost() {
        assertThat(redacted("DATABASE_URL=postgres://app:Sup3rSecret@db.example.com:5432/shop"))
                .isEqualTo("DATABASE_URL=postgres://app:[REDACTED:connection_password]@db.example.com:5432/shop");
    }

    @Test
    void assignmentKeepsKeyAndQuotes() {
        assertThat(redacted("password = \"hunter22\";")).isEqualTo("password = \"[REDACTED:password]\";");
        assertThat(redacted("passwd: correcthorse\nuser: me")).isEqualTo("passwd: [REDACTED:password]\nuser: me");
    }

    @Test
    void bearerHeaderKeepsScheme() {
        assertThat(redacted("Authorization: Bearer " + JWT.substring(3)))
                .isEqualTo("Authorization: Bearer [REDACTED:bearer_token]");
    }

    @Test
    void tokenInAssignmentCountedOnce() {
        Redaction redaction = SecretRedactor.redact("token=ghp_" + RANDOM_36);

        assertThat(redaction.text()).isEqualTo("token=[REDACTED:github_token]");
        assertThat(redaction.counts()).isEqualTo(Map.of("github_token", 1));
    }

    @Test
    void basicHeaderKeepsScheme() {
        assertThat(redacted("Authorization: Basic YWxhZGRpbjpvcGVuc2VzYW1l"))
                .isEqualTo("Authorization: Basic [REDACTED:basic_auth]");
    }

    @Test
    void npmrcKeepsRegistryAndKey() {
        assertThat(redacted("//registry.npmjs.org/:_authToken=npm_AbCdEf0123456789AbCdEf0123456789AbCd"))
                .isEqualTo("//registry.npmjs.org/:_authToken=[REDACTED:npm_token]");
    }

    @Test
    void azureConnectionStringKeepsOtherParts() {
        assertThat(redacted("AccountName=acct;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6==;Suffix=x"))
                .isEqualTo("AccountName=acct;AccountKey=[REDACTED:azure_key];Suffix=x");
    }

    @Test
    void jwtReplacedWhole() {
        assertThat(redacted("session " + JWT + " expired")).isEqualTo("session [REDACTED:jwt] expired");
    }

    @Test
    void privateKeyBlockReplacedWhole() {
        assertThat(redacted("key:\n" + PEM + "\nend")).isEqualTo("key:\n[REDACTED:private_key]\nend");
    }

    @Test
    void openSshPrivateKeyReplacedWhole() {
        String key = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n"
                + "-----END OPENSSH PRIVATE KEY-----";

        assertThat(redacted("id_ed25519:\n" + key)).isEqualTo("id_ed25519:\n[REDACTED:private_key]");
    }

    @Test
    void truncatedPrivateKeyKeepsFollowingProse() {
        assertThat(redacted("-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n\nThen restart the job."))
                .isEqualTo("[REDACTED:private_key]\n\nThen restart the job.");
    }

    @Test
    void truncatedPrivateKeyReplacedToEnd() {
        assertThat(redacted("-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC"))
                .isEqualTo("[REDACTED:private_key]");
    }

    @Test
    void countsEachKindSortedByName() {
        Redaction redaction = SecretRedactor.redact("password=hunter22 ghp_" + RANDOM_36 + " and ghs_" + RANDOM_36);

        assertThat(redaction.counts()).containsExactly(Map.entry("github_token", 2), Map.entry("password", 1));
    }

    @Test
    void longTextWithoutSecretsUnchanged() {
        String text = "eyJ-eyJ.sk-AKIA password ghp_ xoxb- AIza ".repeat(25_000);

        Redaction redaction = SecretRedactor.redact(text);

        assertThat(redaction.counts()).isEmpty();
        assertThat(redaction.text().equals(text)).isTrue();
    }
}
