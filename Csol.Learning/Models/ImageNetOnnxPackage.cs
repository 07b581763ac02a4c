using System.Reflection;

namespace Csol.Learning.Models;

/// <summary>Where the NuGet package <c>Microsoft.ML.DnnImageFeaturizer.ResNet18</c> put the CNTK ImageNet ResNet-18:
/// restored into the NuGet cache by the normal build (<c>PackageDownload</c> in Csol.Learning.csproj), whose folder is
/// baked into this assembly. Nothing is downloaded at run time.</summary>
/// <remarks><c>CSOL_RESNET18_PACKAGE</c> overrides the folder, for a host whose NuGet cache moved since the build.</remarks>
public static class ImageNetOnnxPackage
{
    public const string PackageId = "Microsoft.ML.DnnImageFeaturizer.ResNet18";
    public const string FolderVariable = "CSOL_RESNET18_PACKAGE";

    /// <summary>Where <c>dotnet publish</c> of the host copies the package's two ONNX files (beside the executable), so a
    /// published folder runs on a host with no NuGet cache.</summary>
    public const string PublishedFolder = "imagenet-resnet18";

    /// <summary>The package folder (which may be missing: <see cref="ModelPath"/> and <see cref="PreprocessPath"/> check).</summary>
    public static string Folder
        => Environment.GetEnvironmentVariable(FolderVariable) is { Length: > 0 } overridden
            ? overridden
            : Directory.Exists(Path.Combine(AppContext.BaseDirectory, PublishedFolder))
            ? Path.Combine(AppContext.BaseDirectory, PublishedFolder)
            : typeof(ImageNetOnnxPackage).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                  .FirstOrDefault(a => a.Key == "CsolResNet18PackageFolder")?.Value
              ?? throw new InvalidOperationException($"Csol.Learning was built without the {PackageId} package folder.");

    /// <summary><c>ResNet18.onnx</c>: the network (63.6 MB).</summary>
    public static string ModelPath => Existing(Path.Combine(Folder, "tools", "DnnImageModels", "ResNet18Onnx", "ResNet18.onnx"));

    /// <summary><c>ResNetPreprocess.onnx</c>: RGB → BGR and the mean image.</summary>
    public static string PreprocessPath => Existing(Path.Combine(Folder, "tools", "DnnImageModels", "ResNetPrepOnnx", "ResNetPreprocess.onnx"));

    private static string Existing(string path)
        => File.Exists(path)
            ? path
            : throw new FileNotFoundException($"ImageNet ResNet-18 weights not found: {path}. They come from the NuGet package " +
                $"{PackageId}, which `dotnet restore` / `dotnet build` puts in the NuGet cache; restore again, or set " +
                $"{FolderVariable} to the package's folder.", path);
}
