using System.Security.Cryptography;

namespace CaseFlow.Cases.Tracking;

/// <summary>
/// The citizen's tracking code: 14 characters from an alphabet without look-alikes (no 0/O, 1/I/L, 5/S, 2/Z),
/// about 66 bits of randomness, so codes cannot be guessed and read well over the phone.
/// </summary>
public static class TrackingCode
{
    public const string Alphabet = "346789ABCDEFGHJKMNPQRTUVWXY";
    public const int Length = 14;

    public static string New() => RandomNumberGenerator.GetString(Alphabet, Length);
}
