using Csol.Silo.ExperimentResults;
using Xunit;

namespace Csol.Tests.Security;

[Trait("Category", "unit")]
public sealed class WebhookSignatureTests
{
    [Fact]
    public void The_signature_is_the_HMAC_SHA256_of_timestamp_dot_body()
    {
        // The helper against the standard HMAC-SHA256 example, then the signature against the helper.
        Assert.Equal("f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8", Hmac("key", "The quick brown fox jumps over the lazy dog"));
        Assert.Equal(Hmac("s3cret", "1700000000.{\"id\":1}"), WebhookNotifier.Sign("s3cret", "1700000000", "{\"id\":1}"));
        Assert.NotEqual(WebhookNotifier.Sign("s3cret", "1700000000", "{\"id\":1}"), WebhookNotifier.Sign("s3cret", "1700000001", "{\"id\":1}"));
    }

    [Theory]
    [InlineData("https://user:pa55@hooks.example.org/notify?token=abc#x", "https://hooks.example.org/notify")]
    [InlineData("http://127.0.0.1:9000/hook", "http://127.0.0.1:9000/hook")]
    [InlineData("not a url", "(invalid URL)")]
    public void A_logged_webhook_url_carries_no_credentials(string url, string logged) => Assert.Equal(logged, WebhookNotifier.Redacted(url));

    private static string Hmac(string key, string message) => Convert.ToHexStringLower(
        System.Security.Cryptography.HMACSHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key), System.Text.Encoding.UTF8.GetBytes(message)));
}
