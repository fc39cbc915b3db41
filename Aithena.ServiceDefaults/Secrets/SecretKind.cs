namespace Aithena.ServiceDefaults.Secrets;

/// <summary>How a secret sits in its setting's value.</summary>
public enum SecretKind
{
    /// <summary>The whole value is the secret (an API key).</summary>
    Value,

    /// <summary>An amqp:// address: the password inside it is the secret.</summary>
    AmqpAddress,
}
