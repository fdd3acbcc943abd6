using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Operators.Billing.Invoices;

namespace Operators.Billing.Persistence;

/// <summary>
/// The database's own refusal to change an issued document, whatever the application does: an issued invoice or
/// credit note keeps every legal column (only its payment state — <see cref="MutableColumns"/> — moves), its lines
/// can be neither changed, removed nor added to, and stored originals and payments are never updated or deleted.
/// Called from the migrations, one flavour per provider.
/// </summary>
public static class DocumentTriggers
{
    /// <summary>The columns of an issued document that may still change: what was paid and credited, and the resulting status.</summary>
    public static readonly IReadOnlyList<string> MutableColumns =
        [nameof(Invoice.Status), nameof(Invoice.PaidAmount), nameof(Invoice.CreditedAmount), nameof(Invoice.Version)];

    private const string Refusal = "an issued invoice or credit note is immutable: correct it with a credit note";

    /// <summary>PostgreSQL compares whole rows as JSON minus the mutable columns, so a column added later is frozen too.</summary>
    public const string PostgresUp = """
        CREATE FUNCTION billing_refuse_issued_invoice_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'DELETE' THEN
            IF OLD."Number" IS NOT NULL THEN
              RAISE EXCEPTION 'invoice %: an issued invoice or credit note is immutable: correct it with a credit note', OLD."Number" USING ERRCODE = 'integrity_constraint_violation';
            END IF;
            RETURN OLD;
          END IF;
          IF OLD."Number" IS NOT NULL AND (to_jsonb(OLD) - ARRAY['Status','PaidAmount','CreditedAmount','Version']) IS DISTINCT FROM (to_jsonb(NEW) - ARRAY['Status','PaidAmount','CreditedAmount','Version']) THEN
            RAISE EXCEPTION 'invoice %: an issued invoice or credit note is immutable: correct it with a credit note', OLD."Number" USING ERRCODE = 'integrity_constraint_violation';
          END IF;
          RETURN NEW;
        END $$;
        CREATE TRIGGER invoices_issued_are_immutable BEFORE UPDATE OR DELETE ON invoices
          FOR EACH ROW EXECUTE FUNCTION billing_refuse_issued_invoice_change();

        CREATE FUNCTION billing_refuse_issued_line_change() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE parent uuid;
        BEGIN
          parent := CASE WHEN TG_OP = 'INSERT' THEN NEW."InvoiceId" ELSE OLD."InvoiceId" END;
          -- An update may not move a line onto an issued document either.
          IF EXISTS (SELECT 1 FROM invoices WHERE "Number" IS NOT NULL
                     AND ("Id" = parent OR (TG_OP = 'UPDATE' AND "Id" = NEW."InvoiceId"))) THEN
            RAISE EXCEPTION 'the lines of an issued invoice or credit note are immutable' USING ERRCODE = 'integrity_constraint_violation';
          END IF;
          IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
          RETURN NEW;
        END $$;
        CREATE TRIGGER invoice_lines_of_issued_are_immutable BEFORE INSERT OR UPDATE OR DELETE ON invoice_lines
          FOR EACH ROW EXECUTE FUNCTION billing_refuse_issued_line_change();

        CREATE FUNCTION billing_refuse_record_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION '% rows are legal records: they are never changed or deleted', TG_TABLE_NAME USING ERRCODE = 'integrity_constraint_violation';
        END $$;
        CREATE TRIGGER invoice_files_are_immutable BEFORE UPDATE OR DELETE ON invoice_files
          FOR EACH ROW EXECUTE FUNCTION billing_refuse_record_change();
        CREATE TRIGGER payments_are_immutable BEFORE UPDATE OR DELETE ON payments
          FOR EACH ROW EXECUTE FUNCTION billing_refuse_record_change();
        """;

    public const string PostgresDown = """
        DROP TRIGGER payments_are_immutable ON payments;
        DROP TRIGGER invoice_files_are_immutable ON invoice_files;
        DROP TRIGGER invoice_lines_of_issued_are_immutable ON invoice_lines;
        DROP TRIGGER invoices_issued_are_immutable ON invoices;
        DROP FUNCTION billing_refuse_record_change();
        DROP FUNCTION billing_refuse_issued_line_change();
        DROP FUNCTION billing_refuse_issued_invoice_change();
        """;

    /// <summary>SQLite has no row-to-JSON: the frozen columns are listed from the migration's model (a test checks every one).</summary>
    public static string SqliteUp(IModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var invoice = model.FindEntityType(typeof(Invoice).FullName!) ?? throw new InvalidOperationException("The model has no invoices.");
        var table = StoreObjectIdentifier.Table("invoices", null);
        var frozen = invoice.GetProperties()
            .Select(p => p.GetColumnName(table)!)
            .Where(c => !MutableColumns.Contains(c))
            .Select(c => $"OLD.\"{c}\" IS NOT NEW.\"{c}\"");
        return $"""
            CREATE TRIGGER invoices_issued_no_update BEFORE UPDATE ON invoices
              WHEN OLD."Number" IS NOT NULL AND ({string.Join(" OR ", frozen)})
              BEGIN SELECT RAISE(ABORT, 'invoices: {Refusal}'); END;
            CREATE TRIGGER invoices_issued_no_delete BEFORE DELETE ON invoices
              WHEN OLD."Number" IS NOT NULL
              BEGIN SELECT RAISE(ABORT, 'invoices: {Refusal}'); END;
            CREATE TRIGGER invoice_lines_issued_no_insert BEFORE INSERT ON invoice_lines
              WHEN (SELECT "Number" FROM invoices WHERE "Id" = NEW."InvoiceId") IS NOT NULL
              BEGIN SELECT RAISE(ABORT, 'invoice_lines: {Refusal}'); END;
            CREATE TRIGGER invoice_lines_issued_no_update BEFORE UPDATE ON invoice_lines
              WHEN (SELECT "Number" FROM invoices WHERE "Id" = OLD."InvoiceId") IS NOT NULL
                OR (SELECT "Number" FROM invoices WHERE "Id" = NEW."InvoiceId") IS NOT NULL
              BEGIN SELECT RAISE(ABORT, 'invoice_lines: {Refusal}'); END;
            CREATE TRIGGER invoice_lines_issued_no_delete BEFORE DELETE ON invoice_lines
              WHEN (SELECT "Number" FROM invoices WHERE "Id" = OLD."InvoiceId") IS NOT NULL
              BEGIN SELECT RAISE(ABORT, 'invoice_lines: {Refusal}'); END;
            CREATE TRIGGER invoice_files_no_update BEFORE UPDATE ON invoice_files
              BEGIN SELECT RAISE(ABORT, 'invoice_files rows are legal records: they are never changed or deleted'); END;
            CREATE TRIGGER invoice_files_no_delete BEFORE DELETE ON invoice_files
              BEGIN SELECT RAISE(ABORT, 'invoice_files rows are legal records: they are never changed or deleted'); END;
            CREATE TRIGGER payments_no_update BEFORE UPDATE ON payments
              BEGIN SELECT RAISE(ABORT, 'payments rows are legal records: they are never changed or deleted'); END;
            CREATE TRIGGER payments_no_delete BEFORE DELETE ON payments
              BEGIN SELECT RAISE(ABORT, 'payments rows are legal records: they are never changed or deleted'); END;
            """;
    }

    public const string SqliteDown = """
        DROP TRIGGER payments_no_delete;
        DROP TRIGGER payments_no_update;
        DROP TRIGGER invoice_files_no_delete;
        DROP TRIGGER invoice_files_no_update;
        DROP TRIGGER invoice_lines_issued_no_delete;
        DROP TRIGGER invoice_lines_issued_no_update;
        DROP TRIGGER invoice_lines_issued_no_insert;
        DROP TRIGGER invoices_issued_no_delete;
        DROP TRIGGER invoices_issued_no_update;
        """;
}
